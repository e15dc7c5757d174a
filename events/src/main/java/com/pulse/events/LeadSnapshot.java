package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The full state of a lead after a change, as the API stored it.
 *
 * @param source                 WEB, REFERRAL, EVENT, CAMPAIGN, COLD_CALL or OTHER
 * @param campaignId             the campaign the lead came from, or null
 * @param phone                  E.164 (e.g. +8613812345678) or null
 * @param status                 NEW, WORKING, QUALIFIED, DISQUALIFIED or CONVERTED
 * @param disqualifiedReason     why the lead was disqualified, only while DISQUALIFIED
 * @param convertedAt            when the lead was converted, null before
 * @param convertedAccountId     the account the conversion created or used
 * @param convertedContactId     the contact the conversion created
 * @param convertedOpportunityId the opportunity the conversion created, null if it created none
 * @param deleted                true while the lead is in the recycle bin
 */
public record LeadSnapshot(
        UUID id,
        String source,
        UUID campaignId,
        String company,
        String contactName,
        String title,
        String email,
        String phone,
        String status,
        String disqualifiedReason,
        Instant convertedAt,
        UUID convertedAccountId,
        UUID convertedContactId,
        UUID convertedOpportunityId,
        UUID ownerId,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        long version) {
}
