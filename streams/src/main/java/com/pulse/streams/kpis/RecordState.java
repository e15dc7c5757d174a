package com.pulse.streams.kpis;

import java.time.Instant;

/**
 * The last applied version of a record and what it contributes, so that the next version can take it back.
 *
 * @param disqualifiedAt a lead: when it was first seen DISQUALIFIED (the snapshot has no such field); kept while
 *                       it stays disqualified, dropped when it leaves that status
 * @param targetKey      a target: its entry in the target index, null when it counts nowhere (deleted)
 */
record RecordState(long version, Contribution contribution, Instant disqualifiedAt, String targetKey) {
}
