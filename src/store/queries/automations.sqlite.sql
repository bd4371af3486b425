-- automations.list (enabled, one channel)
select * from "automations" where "workspace_id" = ? and "channel_id" = ? and "enabled" = ? order by "position", "created_at", "id";

-- automationRuns.activeForConversation
select * from "automation_runs" where "conversation_id" = ? and "state" = ?;

-- automationRuns.lock
select * from "automation_runs" where "id" = ?;

-- automationRuns.lastEndedAt
select max("ended_at") as "at" from "automation_runs" where "automation_id" = ? and "conversation_id" = ?;

-- automationRuns.advance
update "automation_runs" set "step_index" = ?, "seq" = ?, "waiting_until" = ?, "waiting_for_reply" = ?, "waiting_since" = ? where "id" = ? and "state" = ? and "seq" = ?;

-- automationRuns.agentActionSince
select "author_id", "created_at", "sent_by" from "messages" where "conversation_id" = ? and "sent_by" in (?, ?) and "created_at" >= ? order by "created_at" desc limit ?;
select "actor_id", "created_at" from "audit_events" where "subject_id" = ? and "subject_type" = ? and "action" = ? and "actor_type" = ? and "created_at" >= ? order by "id" desc limit ?;

-- automationRuns.sendInFlight
select "m"."id" from "messages" as "m" inner join "jobs" as "j" on "j"."key" = ? || m.id where "m"."conversation_id" = ? and "m"."direction" = ? and "m"."status" = ? and "j"."state" in (?, ?) limit ?;

-- automationRuns.hasEarlierInbound
select "id" from "messages" where "conversation_id" = ? and "direction" = ? and "id" != ? and "platform_ts" <= ? limit ?;
