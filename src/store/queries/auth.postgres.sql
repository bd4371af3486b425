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
