-- contacts.lock (both contacts, id order)
select * from "contacts" where "workspace_id" = ? and "id" in (?, ?) order by "id";

-- identities.forContacts
select * from "identities" where "contact_id" in (?, ?) order by "created_at";

-- identities.repoint
update "identities" set "contact_id" = ? where "id" in (?);

-- merges.forContacts (live)
select * from "merges" where "workspace_id" = ? and ("survivor_id" in (?, ?) or "merged_id" in (?, ?)) and "undone_at" is null order by "created_at" desc;

-- merges.captureContacts
select * from "contacts" where "id" in (?, ?) order by "id";
select * from "identities" where "contact_id" in (?, ?) order by "id";
select * from "contact_tags" where "contact_id" in (?, ?) order by "contact_id", "tag";
select "id", "contact_id" from "notes" where "contact_id" in (?, ?) order by "id";

-- merges.markUndone
update "merges" set "undone_at" = ?, "undone_by" = ? where "id" = ? and "undone_at" is null;

-- invites.findByCodeHash
select * from "invites" where "code_hash" in (?, ?);

-- invites.transition
update "invites" set "state" = ?, "connected_at" = ?, "wa_identity_id" = ?, "wa_conversation_id" = ? where "id" = ? and "state" in (?);

-- codeGuesses.recordFailure
insert into "code_guesses" ("sender_key", "window_started_at", "failures") values (?, ?, ?) on conflict ("sender_key") do update set "failures" = case when "code_guesses"."window_started_at" <= ? then 1 else "code_guesses"."failures" + ? end, "window_started_at" = case when "code_guesses"."window_started_at" <= ? then 1 else "code_guesses"."window_started_at" end returning "failures";

-- mergeRequests.decide
update "merge_requests" set "state" = ?, "decided_by" = ?, "decided_at" = ? where "id" = ? and "state" = ?;

-- mergeRequests.threadItemIds
select "id" from "messages" where "conversation_id" in (?, ?) and "platform_ts" = ? and "type" = ? and "payload" like ?;

-- suggestions.candidateContactIds
select "c"."id" from "contacts" as "c" where "c"."workspace_id" = ? and "c"."merged_into_id" is null and ("c"."phone" in (?) or lower("c"."email") in (?) or lower("c"."name") in (?) or exists (select "i"."id" from "identities" as "i" where "i"."contact_id" = "c"."id" and ("i"."phone" in (?) or lower("i"."display_name") in (?)))) limit ?;
