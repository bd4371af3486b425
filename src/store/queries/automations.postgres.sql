-- automations.list (enabled, one channel)
select * from "automations" where "workspace_id" = $1 and "channel_id" = $2 and "enabled" = $3 order by "position", "created_at", "id";

-- automationRuns.activeForConversation
select * from "automation_runs" where "conversation_id" = $1 and "state" = $2 for update;

-- automationRuns.lock
select * from "automation_runs" where "id" = $1 for update;

-- automationRuns.lastEndedAt
select max("ended_at") as "at" from "automation_runs" where "automation_id" = $1 and "conversation_id" = $2;

-- automationRuns.advance
update "automation_runs" set "step_index" = $1, "seq" = $2, "waiting_until" = $3, "waiting_for_reply" = $4, "waiting_since" = $5 where "id" = $6 and "state" = $7 and "seq" = $8;

-- automationRuns.agentActionSince
select "author_id", "created_at", "sent_by" from "messages" where "conversation_id" = $1 and "sent_by" in ($2, $3) and "created_at" >= $4 order by "created_at" desc limit $5;
select "actor_id", "created_at" from "audit_events" where "subject_id" = $1 and "subject_type" = $2 and "action" = $3 and "actor_type" = $4 and "created_at" >= $5 order by "id" desc limit $6;

-- automationRuns.sendInFlight
select "m"."id" from "messages" as "m" inner join "jobs" as "j" on "j"."key" = $1 || m.id where "m"."conversation_id" = $2 and "m"."direction" = $3 and "m"."status" = $4 and "j"."state" in ($5, $6) limit $7;

-- automationRuns.hasEarlierInbound
select "id" from "messages" where "conversation_id" = $1 and "direction" = $2 and "id" != $3 and "platform_ts" <= $4 limit $5;
