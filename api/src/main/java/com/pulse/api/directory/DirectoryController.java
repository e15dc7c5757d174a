package com.pulse.api.directory;

import com.pulse.api.crud.Ids;
import com.pulse.api.crud.Responses;
import com.pulse.api.system.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/directory} {@code {"ids": [...]}}: the names of the users and teams with these ids, for anybody
 * signed in (olap labels pivot members with them; a name says no more than the org chart every page shows). A read,
 * but a POST: a thousand ids do not fit in a request line. Ids that are neither are left out; users and teams in the
 * recycle bin keep their names (old facts still name them).
 */
@RestController
class DirectoryController {

    /** A pivot's owners and teams fit in one request; olap asks in chunks of this size beyond it. */
    static final int MAX_IDS = 1000;

    private final Directory directory;

    DirectoryController(Directory directory) {
        this.directory = directory;
    }

    record Lookup(List<String> ids) {
    }

    @PostMapping(path = "/api/v1/directory", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Directory.Names> names(@RequestBody Lookup lookup) {
        List<FieldProblem> errors = new ArrayList<>();
        Set<UUID> ids = parse(lookup.ids(), errors);
        Responses.reject(errors);
        return directory.names(ids);
    }

    static Set<UUID> parse(List<String> ids, List<FieldProblem> errors) {
        Set<UUID> out = new LinkedHashSet<>();
        if (ids == null) {
            errors.add(new FieldProblem("ids", "is required: a list of user or team ids"));
        } else if (ids.size() > MAX_IDS) {
            errors.add(new FieldProblem("ids", "must name at most " + MAX_IDS + " ids"));
        } else {
            for (int i = 0; i < ids.size(); i++) {
                UUID id = Ids.parse(ids.get(i)).orElse(null);
                if (id == null) {
                    errors.add(new FieldProblem("ids[" + i + "]", "must be a UUID"));
                    break;
                }
                out.add(id);
            }
        }
        return out;
    }
}
