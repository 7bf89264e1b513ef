-- Ids of invited users: the directory allocates the crm_user_id it writes into the new Keycloak
-- user. It starts above the range left to users an operator creates in Keycloak by hand.
create sequence invited_user_ids start with 100001;
