package com.pulse.streams.dimensions;

import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunityFact;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.OwnerTeams;
import com.pulse.streams.dimensions.AccountDimProcessor.AccountDim;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins the dimensions into an applied opportunity version: the owner's team and path from {@code dim-owner-teams},
 * the account's industry, region and tier from {@code dim-accounts}. Both are global stores (every instance holds all
 * of them), so the join needs no repartition of the opportunity stream; a fact carries the dimensions as they are when
 * its version is applied, and a later move shows from the owner's next change on.
 */
final class EnrichProcessor implements FixedKeyProcessor<String, OpportunityChanged, OpportunityFact> {

    private FixedKeyProcessorContext<String, OpportunityFact> context;
    private KeyValueStore<String, OwnerTeams> owners;
    private KeyValueStore<String, AccountDim> accounts;

    @Override
    public void init(FixedKeyProcessorContext<String, OpportunityFact> context) {
        this.context = context;
        owners = context.getStateStore(OwnerTeamsDimProcessor.STORE);
        accounts = context.getStateStore(AccountDimProcessor.STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, OpportunityChanged> record) {
        OpportunitySnapshot s = record.value().snapshot();
        OwnerTeams teams = s.ownerId() == null ? null : owners.get(s.ownerId().toString());
        AccountDim account = s.accountId() == null ? null : accounts.get(s.accountId().toString());
        context.forward(record.withValue(new OpportunityFact(s.id(), record.value().aggregateVersion(), s.ownerId(),
                teams == null ? null : teams.teamId(), teams == null ? List.of() : teams.teamPath(), s.accountId(),
                account == null ? null : account.industry(), account == null ? null : account.region(),
                account == null ? null : account.tier(), s.stage(), s.amountBase(), s.probability(), s.forecastCategory(),
                s.expectedCloseDate(), s.closedAt(), s.createdAt(), s.updatedAt(), s.deleted())));
    }
}
