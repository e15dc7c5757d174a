package com.pulse.api.opportunity;

import java.util.List;

/** One page of the list; {@code nextCursor} is null on the last page. */
record OpportunityPage(List<OpportunityResource> items, String nextCursor) {
}
