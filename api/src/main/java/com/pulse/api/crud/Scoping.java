package com.pulse.api.crud;

import com.pulse.api.security.DataScope;
import com.pulse.api.security.DataScopes;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
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
 * @param ownedBy    the new record owned by the given user: a rep or manager who creates a record without
 *                   naming its owner becomes the owner (as in every CRM), instead of being refused
 * @param changeable the scope may change (update, delete, restore) a record it sees; false only for records
 *                   shown for information, such as the targets of a rep's own team
 */
public record Scoping<T>(DataScopes scopes, BiPredicate<DataScope, T> visible, BiPredicate<DataScope, T> assignable,
                         String ownerField, Function<T, Object> owner, BiFunction<T, UUID, T> ownedBy,
                         BiPredicate<DataScope, T> changeable) {

    /** Every record the scope sees is one it may change. */
    public Scoping(DataScopes scopes, BiPredicate<DataScope, T> visible, BiPredicate<DataScope, T> assignable,
                   String ownerField, Function<T, Object> owner, BiFunction<T, UUID, T> ownedBy) {
        this(scopes, visible, assignable, ownerField, owner, ownedBy, visible);
    }

    /** For records everybody sees and whose owner is not restricted (users, teams, campaigns). */
    public static <T> Scoping<T> none() {
        return new Scoping<>(null, (scope, t) -> true, (scope, t) -> true, null, t -> null, (t, user) -> t);
    }

    /** The common rule: visible and assignable when the owner is in the scope. */
    public static <T> Scoping<T> byOwner(DataScopes scopes, String ownerField, Function<T, UUID> owner,
                                         BiFunction<T, UUID, T> ownedBy) {
        return new Scoping<>(scopes, (scope, t) -> scope.owns(owner.apply(t)), (scope, t) -> scope.owns(owner.apply(t)),
                ownerField, owner::apply, ownedBy);
    }

    /**
     * A new record as a scoped caller (rep, manager) creates it: without a named owner, the caller
     * owns it. Callers who see everything may leave records unowned.
     */
    T withDefaultOwner(DataScope scope, UUID caller, T created) {
        return scope.all() || caller == null || owner.apply(created) != null ? created : ownedBy.apply(created, caller);
    }

    boolean reassigns(T before, T after) {
        return !Objects.equals(owner.apply(before), owner.apply(after));
    }
}
