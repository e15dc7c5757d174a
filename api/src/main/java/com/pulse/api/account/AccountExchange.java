package com.pulse.api.account;

import com.pulse.api.crud.Ids;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.crud.Responses;
import com.pulse.api.crud.Texts;
import com.pulse.api.exchange.Cells;
import com.pulse.api.exchange.EntityExchange;
import com.pulse.api.security.Caller;
import com.pulse.api.system.FieldProblem;
import com.pulse.events.AccountSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Accounts for CSV/XLSX import and export: rows become {@link CreateAccount}s checked and stored as a POST does. */
@Component
class AccountExchange implements EntityExchange {

    private static final List<String> COLUMNS = List.of("id", "name", "industry", "region", "tier", "type",
            "parentAccountId", "ownerId", "sharedWith", "status", "createdAt", "updatedAt", "version");
    private static final List<String> WRITABLE = List.of("name", "industry", "region", "tier", "type",
            "parentAccountId", "ownerId", "sharedWith", "status");
    private static final String PAGE = "200";

    private final AccountService service;

    AccountExchange(AccountService service) {
        this.service = service;
    }

    @Override
    public String entity() {
        return "accounts";
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> writableColumns() {
        return WRITABLE;
    }

    @Override
    public Prepared prepare(Map<String, String> cells, Caller caller) {
        List<FieldProblem> errors = new ArrayList<>();
        CreateAccount request = new CreateAccount(cells.get("name"), cells.get("industry"), cells.get("region"),
                cells.get("tier"), cells.get("type"), Cells.uuid(cells, "parentAccountId", errors),
                Cells.uuid(cells, "ownerId", errors), Cells.uuids(cells, "sharedWith", errors), cells.get("status"));
        errors.addAll(AccountRules.validate(request));
        return errors.isEmpty() ? Prepared.ok(Mono.defer(() -> service.create(request, caller)))
                : Prepared.invalid(errors);
    }

    /** The list endpoint's filters and order, read page by page (keyset) so the export streams. */
    @Override
    public Flux<List<String>> export(Map<String, String> q, Caller caller) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.oneOf("tier", q.get("tier"), AccountRules.TIERS, errors);
        Texts.oneOf("type", q.get("type"), AccountRules.TYPES, errors);
        Texts.oneOf("status", q.get("status"), AccountRules.STATUSES, errors);
        Texts.optional("industry", q.get("industry"), AccountRules.MAX_TEXT, errors);
        Texts.optional("region", q.get("region"), AccountRules.MAX_TEXT, errors);
        Texts.optional("q", q.get("q"), AccountRules.MAX_NAME, errors);
        UUID owner = Ids.optional("ownerId", q.get("ownerId"), errors);
        ListRequest first = ListRequest.parse(q.get("sort"), q.get("order"), PAGE, null, errors);
        Responses.reject(errors);
        AccountFilter filter = new AccountFilter(q.get("tier"), Texts.strip(q.get("industry")), Texts.strip(q.get("region")),
                owner, q.get("type"), q.get("status"), Texts.strip(q.get("q")));
        return service.list(filter, first, caller)
                .expand(page -> page.nextCursor() == null ? Mono.empty()
                        : service.list(filter, ListRequest.parse(q.get("sort"), q.get("order"), PAGE, page.nextCursor(),
                                new ArrayList<>()), caller))
                .concatMapIterable(page -> page.items())
                .map(AccountExchange::row);
    }

    private static List<String> row(AccountSnapshot a) {
        return List.of(Cells.of(a.id()), Cells.of(a.name()), Cells.of(a.industry()), Cells.of(a.region()),
                Cells.of(a.tier()), Cells.of(a.type()), Cells.of(a.parentAccountId()), Cells.of(a.ownerId()),
                Cells.of(a.sharedWith()), Cells.of(a.status()), Cells.of(a.createdAt()), Cells.of(a.updatedAt()),
                Cells.of(a.version()));
    }
}
