package com.pulse.api.crud;

import com.pulse.api.security.DataScope;
import com.pulse.api.security.DataScopes;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The data-isolation rule of one entity, applied by {@link Lifecycle} to every change and by the
 * service to every read: which records a {@link DataScope} sees, and whether a record's (new) owner
 * is one the scope may give records to.
 *
 * @param visible    the scope sees the record (e.g. owned by, or shared with, one of its users)
 * @param assignable the record's owner is inside the scope (checked on create and when the owner changes)
 * @param ownerField the JSON field named in the 422 problem, e.g. {@code ownerId}
 * @param owner      what identifies the owner, to tell whether a change reassigns the record
 */
public record Scoping<T>(DataScopes scopes, BiPredicate<DataScope, T> visible, BiPredicate<DataScope, T> assignable,
                         String ownerField, Function<T, Object> owner) {

    /** For records everybody sees and whose owner is not restricted (users, teams, campaigns). */
    public static <T> Scoping<T> none() {
        return new Scoping<>(null, (scope, t) -> true, (scope, t) -> true, null, t -> null);
    }

    /** The common rule: visible and assignable when the owner is in the scope. */
    public static <T> Scoping<T> byOwner(DataScopes scopes, String ownerField, Function<T, java.util.UUID> owner) {
        return new Scoping<>(scopes, (scope, t) -> scope.owns(owner.apply(t)), (scope, t) -> scope.owns(owner.apply(t)),
                ownerField, owner::apply);
    }

    boolean reassigns(T before, T after) {
        return !Objects.equals(owner.apply(before), owner.apply(after));
    }
}
