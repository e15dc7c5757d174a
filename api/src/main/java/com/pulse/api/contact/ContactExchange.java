package com.pulse.api.contact;

import com.pulse.api.crud.Ids;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.crud.Responses;
import com.pulse.api.crud.Texts;
import com.pulse.api.exchange.Cells;
import com.pulse.api.exchange.EntityExchange;
import com.pulse.api.security.Caller;
import com.pulse.api.system.CompanyProperties;
import com.pulse.api.system.FieldProblem;
import com.pulse.events.ContactSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Contacts for CSV/XLSX import and export: rows become {@link CreateContact}s checked and stored as a POST does. */
@Component
class ContactExchange implements EntityExchange {

    private static final List<String> COLUMNS = List.of("id", "accountId", "name", "title", "phone", "email", "birthday",
            "ownerId", "createdAt", "updatedAt", "version");
    private static final List<String> WRITABLE = List.of("accountId", "name", "title", "phone", "email", "birthday",
            "ownerId");
    private static final String PAGE = "200";

    private final ContactService service;
    private final CompanyProperties company;

    ContactExchange(ContactService service, CompanyProperties company) {
        this.service = service;
        this.company = company;
    }

    @Override
    public String entity() {
        return "contacts";
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
        CreateContact request = new CreateContact(Cells.uuid(cells, "accountId", errors), cells.get("name"),
                cells.get("title"), cells.get("phone"), cells.get("email"), Cells.date(cells, "birthday", errors),
                Cells.uuid(cells, "ownerId", errors));
        if (errors.stream().noneMatch(e -> e.field().equals("accountId"))) {
            errors.addAll(ContactRules.validate(request, company.today()));
        } else {
            ContactRules.validate(request, company.today()).stream()
                    .filter(e -> !e.field().equals("accountId")).forEach(errors::add);
        }
        return errors.isEmpty() ? Prepared.ok(Mono.defer(() -> service.create(request, caller)))
                : Prepared.invalid(errors);
    }

    /** The list endpoint's filters and order, read page by page (keyset) so the export streams. */
    @Override
    public Flux<List<String>> export(Map<String, String> q, Caller caller) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("q", q.get("q"), ContactRules.MAX_NAME, errors);
        UUID account = Ids.optional("accountId", q.get("accountId"), errors);
        UUID owner = Ids.optional("ownerId", q.get("ownerId"), errors);
        ListRequest first = ListRequest.parse(q.get("sort"), q.get("order"), PAGE, null, errors);
        Responses.reject(errors);
        ContactFilter filter = new ContactFilter(account, owner, Texts.strip(q.get("q")));
        return service.list(filter, first, caller)
                .expand(page -> page.nextCursor() == null ? Mono.empty()
                        : service.list(filter, ListRequest.parse(q.get("sort"), q.get("order"), PAGE, page.nextCursor(),
                                new ArrayList<>()), caller))
                .concatMapIterable(page -> page.items())
                .map(ContactExchange::row);
    }

    private static List<String> row(ContactSnapshot c) {
        return List.of(Cells.of(c.id()), Cells.of(c.accountId()), Cells.of(c.name()), Cells.of(c.title()),
                Cells.of(c.phone()), Cells.of(c.email()), Cells.of(c.birthday()), Cells.of(c.ownerId()),
                Cells.of(c.createdAt()), Cells.of(c.updatedAt()), Cells.of(c.version()));
    }
}
