-- signInChecks.hold (account, then address; sweep)
select pg_advisory_xact_lock($1, hashtext($2));
select pg_advisory_xact_lock($1, hashtext($2));
delete from "sign_in_checks" where "id" in (select "id" from "sign_in_checks" where "started_at" <= $1 order by "started_at" limit $2 for update skip locked);

-- signInChecks.recent
select "address", "started_at" from "sign_in_checks" where "account" = $1 and "started_at" > $2 order by "started_at";
select "started_at" from "sign_in_checks" where "address" = $1 and "started_at" > $2 order by "started_at";

-- signInChecks.record
insert into "sign_in_checks" ("id", "account", "address", "started_at") values ($1, $2, $3, $4);

-- signInChecks.clear
delete from "sign_in_checks" where "account" = $1 and "address" = $2;

-- workspaces.lock
select "id" from "workspaces" where "id" = $1 for update;

-- setupTokens.revokeUnused
update "setup_tokens" set "revoked_at" = $1 where "workspace_id" = $2 and "used_at" is null and "revoked_at" is null;

-- setupTokens.consume
update "setup_tokens" set "used_at" = $1 where "token_hash" = $2 and ("setup_tokens"."used_at" is null and "setup_tokens"."revoked_at" is null and "setup_tokens"."expires_at" > $3 and not exists (select "users"."id" from "users" where "users"."workspace_id" = "setup_tokens"."workspace_id")) returning "workspace_id";

-- setupTokens.isValid
select "token_hash" from "setup_tokens" where "token_hash" = $1 and ("setup_tokens"."used_at" is null and "setup_tokens"."revoked_at" is null and "setup_tokens"."expires_at" > $2 and not exists (select "users"."id" from "users" where "users"."workspace_id" = "setup_tokens"."workspace_id"));
