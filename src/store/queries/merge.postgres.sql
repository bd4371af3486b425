-- contacts.lock (both contacts, id order)
select * from "contacts" where "workspace_id" = $1 and "id" in ($2, $3) order by "id" for update;

-- identities.forContacts
select * from "identities" where "contact_id" in ($1, $2) order by "created_at";

-- identities.repoint
update "identities" set "contact_id" = $1 where "id" in ($2);

-- merges.forContacts (live)
select * from "merges" where "workspace_id" = $1 and ("survivor_id" in ($2, $3) or "merged_id" in ($4, $5)) and "undone_at" is null order by "created_at" desc;

-- merges.captureContacts
select * from "contacts" where "id" in ($1, $2) order by "id";
select * from "identities" where "contact_id" in ($1, $2) order by "id";
select * from "contact_tags" where "contact_id" in ($1, $2) order by "contact_id", "tag";
select "id", "contact_id" from "notes" where "contact_id" in ($1, $2) order by "id";

-- merges.markUndone
update "merges" set "undone_at" = $1, "undone_by" = $2 where "id" = $3 and "undone_at" is null;

-- invites.findByCodeHash
select * from "invites" where "code_hash" in ($1, $2);

-- invites.transition
update "invites" set "state" = $1, "connected_at" = $2, "wa_identity_id" = $3, "wa_conversation_id" = $4 where "id" = $5 and "state" in ($6);

-- codeGuesses.recordFailure
insert into "code_guesses" ("sender_key", "window_started_at", "failures") values ($1, $2, $3) on conflict ("sender_key") do update set "failures" = case when "code_guesses"."window_started_at" <= $4 then 1 else "code_guesses"."failures" + $5 end, "window_started_at" = case when "code_guesses"."window_started_at" <= $6 then 1 else "code_guesses"."window_started_at" end returning "failures";

-- mergeRequests.decide
update "merge_requests" set "state" = $1, "decided_by" = $2, "decided_at" = $3 where "id" = $4 and "state" = $5;

-- mergeRequests.threadItemIds
select "id" from "messages" where "conversation_id" in ($1, $2) and "platform_ts" = $3 and "type" = $4 and "payload" like $5;

-- suggestions.candidateContactIds
select "c"."id" from "contacts" as "c" where "c"."workspace_id" = $1 and "c"."merged_into_id" is null and ("c"."phone" in ($2) or lower("c"."email") in ($3) or lower("c"."name") in ($4) or exists (select "i"."id" from "identities" as "i" where "i"."contact_id" = "c"."id" and ("i"."phone" in ($5) or lower("i"."display_name") in ($6)))) limit $7;
