package com.pulse.streams.kpis;

import com.pulse.events.ActivityFact;
import com.pulse.events.KpiChanged;
import com.pulse.events.LeadFact;

/** One output of the KPI task: exactly one field is set; the topology routes it to its topic. */
record KpiOutput(KpiChanged kpi, LeadFact lead, ActivityFact activity) {
}
