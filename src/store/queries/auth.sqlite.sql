-- signInChecks.hold (account, then address; sweep)
delete from "sign_in_checks" where "id" in (select "id" from "sign_in_checks" where "started_at" <= ? order by "started_at" limit ?);

-- signInChecks.recent
select "address", "started_at" from "sign_in_checks" where "account" = ? and "started_at" > ? order by "started_at";
select "started_at" from "sign_in_checks" where "address" = ? and "started_at" > ? order by "started_at";

-- signInChecks.record
insert into "sign_in_checks" ("id", "account", "address", "started_at") values (?, ?, ?, ?);

-- signInChecks.clear
delete from "sign_in_checks" where "account" = ? and "address" = ?;

-- workspaces.lock
select "id" from "workspaces" where "id" = ?;

-- setupTokens.revokeUnused
update "setup_tokens" set "revoked_at" = ? where "workspace_id" = ? and "used_at" is null and "revoked_at" is null;

-- setupTokens.consume
update "setup_tokens" set "used_at" = ? where "token_hash" = ? and ("setup_tokens"."used_at" is null and "setup_tokens"."revoked_at" is null and "setup_tokens"."expires_at" > ? and not exists (select "users"."id" from "users" where "users"."workspace_id" = "setup_tokens"."workspace_id")) returning "workspace_id";

-- setupTokens.isValid
select "token_hash" from "setup_tokens" where "token_hash" = ? and ("setup_tokens"."used_at" is null and "setup_tokens"."revoked_at" is null and "setup_tokens"."expires_at" > ? and not exists (select "users"."id" from "users" where "users"."workspace_id" = "setup_tokens"."workspace_id"));
