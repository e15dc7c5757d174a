package com.pulse.olap.views;

import com.pulse.olap.labels.Language;
import com.pulse.olap.labels.PivotLabeller;
import com.pulse.olap.pivot.PivotReader;
import com.pulse.olap.query.PivotMatrix;
import com.pulse.olap.query.PivotQuery;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Saved views (DESIGN.md "Saved views"): a named pivot a user keeps, shares, and runs again with their own data scope. */
@RestController
class ViewsController {

    private static final Pattern VERSION = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

    private final SavedViews views;
    private final PivotReader pivots;
    private final PivotLabeller labeller;

    ViewsController(SavedViews views, PivotReader pivots, PivotLabeller labeller) {
        this.views = views;
        this.pivots = pivots;
        this.labeller = labeller;
    }

    @PostMapping(path = "/olap/v1/views", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ViewJson> create(@RequestBody ViewForm form) {
        SavedView view = views.create(form);
        return ResponseEntity.created(URI.create("/olap/v1/views/" + view.id())).eTag(etag(view)).body(json(view));
    }

    @GetMapping("/olap/v1/views")
    ViewsJson list() {
        return new ViewsJson(views.list().stream().map(this::json).toList());
    }

    @GetMapping("/olap/v1/views/{id}")
    ResponseEntity<ViewJson> one(@PathVariable String id) {
        SavedView view = views.visible(id);
        return ResponseEntity.ok().eTag(etag(view)).body(json(view));
    }

    @PutMapping(path = "/olap/v1/views/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ViewJson> update(@PathVariable String id, @RequestBody ViewForm form,
                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        SavedView view = views.update(id, form, version(ifMatch));
        return ResponseEntity.ok().eTag(etag(view)).body(json(view));
    }

    @DeleteMapping("/olap/v1/views/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        views.delete(id, version(ifMatch));
        return ResponseEntity.noContent().build();
    }

    /** The view's pivot with the caller's data scope, never its owner's: a shared view shows each reader their own figures. */
    @PostMapping("/olap/v1/views/{id}/pivot")
    PivotMatrix pivot(@PathVariable String id, @RequestParam(required = false) String lang,
                      @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage,
                      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        Language language = Language.choose(lang, acceptLanguage);
        return labeller.label(pivots.pivot(views.visible(id).query()), language, authorization);
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        Matcher m = VERSION.matcher(ifMatch.strip());
        if (!m.matches()) {
            throw new InvalidView("If-Match", "the version the view was read at, as its ETag gives it (e.g. \"3\")", List.of());
        }
        return Long.parseLong(m.group(1));
    }

    private static String etag(SavedView view) {
        return "\"" + view.version() + "\"";
    }

    private ViewJson json(SavedView view) {
        return new ViewJson(view.id(), view.name(), view.sharing().wire(), view.ownerId(), views.mine(view), view.query(),
                view.version(), view.createdAt(), view.updatedAt(), "/olap/v1/views/" + view.id() + "/pivot");
    }

    record ViewJson(String id, String name, String sharing, String owner, boolean mine, PivotQuery query, long version,
                    Instant createdAt, Instant updatedAt, String pivotHref) {
    }

    record ViewsJson(List<ViewJson> views) {
    }
}
