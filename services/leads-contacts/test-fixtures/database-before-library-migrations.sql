-- A database as the migrations of commit 2622b90 left it (before libraries shipped their own
-- migrations): pg_dump --schema-only --no-owner --no-privileges --no-comments, and the ledger's rows.

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE FUNCTION public.contact_search_text(name text, email text, phone text, mobile text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ select lower(concat_ws(' ', name, email, phone, mobile)) $$;

CREATE FUNCTION public.contacts_search_terms_sync() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from search_terms where record_type = 'contact' and record_id = old.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into search_terms (tenant_id, record_type, record_id, owner_id, term)
    select new.tenant_id, 'contact', new.id, new.owner_id, w
    from unnest(search_words(array[new.name, new.first_name, new.last_name], new.email, array[new.phone, new.mobile])) as w;
  end if;
  return null;
end $$;

CREATE FUNCTION public.lead_search_text(first_name text, last_name text, organization_name text, email text, phone text, mobile text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ select lower(concat_ws(' ', first_name, last_name, organization_name, email, phone, mobile)) $$;

CREATE FUNCTION public.leads_search_terms_sync() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from search_terms where record_type = 'lead' and record_id = old.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.converted_at is null then
    insert into search_terms (tenant_id, record_type, record_id, owner_id, term)
    select new.tenant_id, 'lead', new.id, new.owner_id, w
    from unnest(search_words(array[new.first_name, new.last_name, new.organization_name], new.email, array[new.phone, new.mobile])) as w;
  end if;
  return null;
end $$;

CREATE FUNCTION public.search_words(texts text[], email text, phones text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select coalesce(array_agg(distinct w), '{}') from (
      select unnest(regexp_split_to_array(lower(array_to_string(texts || email, ' ')), '[^[:alnum:]]+')) as w
      union all select lower(btrim(email))
      union all select nullif(regexp_replace(p, '[^0-9]', '', 'g'), '') from unnest(phones) as p
    ) words
    where w is not null and w <> '' and length(w) <= 200
  $$;

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE public.capture_form_keys (
    form_key text NOT NULL,
    tenant_id uuid NOT NULL,
    form_id bigint NOT NULL
);

CREATE TABLE public.capture_forms (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    creator_id bigint NOT NULL,
    name text NOT NULL,
    form_key text NOT NULL,
    fields jsonb NOT NULL,
    owner_id bigint NOT NULL,
    source_id bigint,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT capture_forms_name_check CHECK (((length(name) >= 1) AND (length(name) <= 255)))
);

ALTER TABLE ONLY public.capture_forms FORCE ROW LEVEL SECURITY;

ALTER TABLE public.capture_forms ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.capture_forms_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.contacts (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    creator_id bigint NOT NULL,
    owner_id bigint NOT NULL,
    is_organization boolean NOT NULL,
    name text NOT NULL,
    first_name text,
    last_name text,
    contact_id bigint,
    parent_organization_id bigint,
    customer_status text DEFAULT 'none'::text NOT NULL,
    prospect_status text DEFAULT 'none'::text NOT NULL,
    title text,
    description text,
    industry text,
    website text,
    email text,
    phone text,
    mobile text,
    fax text,
    twitter text,
    facebook text,
    linkedin text,
    skype text,
    address_line1 text,
    address_city text,
    address_postal_code text,
    address_state text,
    address_country text,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    email_key text GENERATED ALWAYS AS (lower(btrim(email))) STORED,
    phone_key text GENERATED ALWAYS AS (NULLIF(regexp_replace(phone, '[^0-9]'::text, ''::text, 'g'::text), ''::text)) STORED,
    CONSTRAINT contacts_customer_status_check CHECK ((customer_status = ANY (ARRAY['none'::text, 'current'::text, 'past'::text]))),
    CONSTRAINT contacts_org_has_no_org CHECK (((NOT is_organization) OR (contact_id IS NULL))),
    CONSTRAINT contacts_person_has_no_parent CHECK ((is_organization OR (parent_organization_id IS NULL))),
    CONSTRAINT contacts_person_named CHECK ((is_organization OR (last_name IS NOT NULL))),
    CONSTRAINT contacts_prospect_status_check CHECK ((prospect_status = ANY (ARRAY['none'::text, 'current'::text, 'lost'::text])))
);

ALTER TABLE ONLY public.contacts FORCE ROW LEVEL SECURITY;

ALTER TABLE public.contacts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.contacts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.custom_field_values (
    tenant_id uuid NOT NULL,
    field_id bigint NOT NULL,
    record_id bigint NOT NULL,
    value_text text,
    value_number numeric,
    text_key text,
    number_key double precision
);

ALTER TABLE ONLY public.custom_field_values FORCE ROW LEVEL SECURITY;

CREATE TABLE public.custom_fields (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    resource text NOT NULL,
    name text NOT NULL,
    type text NOT NULL,
    choices jsonb DEFAULT '[]'::jsonb NOT NULL,
    for_company boolean DEFAULT true NOT NULL,
    for_contact boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT custom_fields_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 128))),
    CONSTRAINT custom_fields_resource_check CHECK ((resource = ANY (ARRAY['lead'::text, 'contact'::text]))),
    CONSTRAINT custom_fields_type_check CHECK ((type = ANY (ARRAY['string'::text, 'text'::text, 'number'::text, 'bool'::text, 'list'::text, 'multi_select_list'::text, 'date'::text, 'datetime'::text, 'email'::text, 'phone'::text, 'address'::text, 'url'::text])))
);

ALTER TABLE ONLY public.custom_fields FORCE ROW LEVEL SECURITY;

ALTER TABLE public.custom_fields ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.custom_fields_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.data_job_queue (
    job_id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    lease_token uuid,
    lease_until timestamp with time zone DEFAULT '-infinity'::timestamp with time zone NOT NULL,
    enqueued_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.data_job_row_errors (
    job_id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    row_number integer NOT NULL,
    errors jsonb NOT NULL
);

ALTER TABLE ONLY public.data_job_row_errors FORCE ROW LEVEL SECURITY;

CREATE TABLE public.data_jobs (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    creator_id bigint NOT NULL,
    kind text NOT NULL,
    resource_type text NOT NULL,
    status text NOT NULL,
    settings jsonb NOT NULL,
    file_key text,
    file_size bigint,
    total_rows integer,
    processed_rows integer DEFAULT 0 NOT NULL,
    created_count integer DEFAULT 0 NOT NULL,
    updated_count integer DEFAULT 0 NOT NULL,
    skipped_count integer DEFAULT 0 NOT NULL,
    failed_count integer DEFAULT 0 NOT NULL,
    error_message text,
    attempts integer DEFAULT 0 NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT data_jobs_kind_check CHECK ((kind = ANY (ARRAY['import'::text, 'export'::text]))),
    CONSTRAINT data_jobs_resource_type_check CHECK ((resource_type = ANY (ARRAY['lead'::text, 'contact'::text]))),
    CONSTRAINT data_jobs_status_check CHECK ((status = ANY (ARRAY['awaiting_file'::text, 'queued'::text, 'running'::text, 'succeeded'::text, 'failed'::text])))
);

ALTER TABLE ONLY public.data_jobs FORCE ROW LEVEL SECURITY;

ALTER TABLE public.data_jobs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.data_jobs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.documents (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    creator_id bigint NOT NULL,
    resource_type text NOT NULL,
    resource_id bigint NOT NULL,
    name text NOT NULL,
    content_type text NOT NULL,
    size bigint NOT NULL,
    sha256 text NOT NULL,
    storage_key text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT documents_name_check CHECK (((length(name) >= 1) AND (length(name) <= 255))),
    CONSTRAINT documents_resource_type_check CHECK ((resource_type = ANY (ARRAY['lead'::text, 'contact'::text]))),
    CONSTRAINT documents_size_check CHECK ((size >= 0))
);

ALTER TABLE ONLY public.documents FORCE ROW LEVEL SECURITY;

ALTER TABLE public.documents ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.documents_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.lead_conversions (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    lead_id bigint NOT NULL,
    lead_owner_id bigint NOT NULL,
    individual_id bigint,
    organization_id bigint,
    deal_id bigint,
    creator_id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.lead_conversions FORCE ROW LEVEL SECURITY;

ALTER TABLE public.lead_conversions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.lead_conversions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.leads (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    creator_id bigint NOT NULL,
    owner_id bigint NOT NULL,
    first_name text,
    last_name text,
    organization_name text,
    status text DEFAULT 'new'::text NOT NULL,
    source_id bigint,
    unqualified_reason_id bigint,
    title text,
    description text,
    industry text,
    website text,
    email text,
    phone text,
    mobile text,
    fax text,
    twitter text,
    facebook text,
    linkedin text,
    skype text,
    address_line1 text,
    address_city text,
    address_postal_code text,
    address_state text,
    address_country text,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL,
    version bigint DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    converted_at timestamp with time zone,
    email_key text GENERATED ALWAYS AS (lower(btrim(email))) STORED,
    phone_key text GENERATED ALWAYS AS (NULLIF(regexp_replace(phone, '[^0-9]'::text, ''::text, 'g'::text), ''::text)) STORED,
    CONSTRAINT leads_name_present CHECK (((last_name IS NOT NULL) OR (organization_name IS NOT NULL))),
    CONSTRAINT leads_status_check CHECK ((status = ANY (ARRAY['new'::text, 'working'::text, 'unqualified'::text])))
);

ALTER TABLE ONLY public.leads FORCE ROW LEVEL SECURITY;

ALTER TABLE public.leads ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.leads_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.notes (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    creator_id bigint NOT NULL,
    resource_type text NOT NULL,
    resource_id bigint NOT NULL,
    content text NOT NULL,
    is_important boolean DEFAULT false NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT notes_content_check CHECK (((length(content) >= 1) AND (length(content) <= 100000))),
    CONSTRAINT notes_resource_type_check CHECK ((resource_type = ANY (ARRAY['lead'::text, 'contact'::text])))
);

ALTER TABLE ONLY public.notes FORCE ROW LEVEL SECURITY;

ALTER TABLE public.notes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.notes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.object_purges (
    storage_key text NOT NULL,
    enqueued_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.outbox (
    id bigint NOT NULL,
    event_id uuid NOT NULL,
    tenant_id uuid NOT NULL,
    topic text NOT NULL,
    partition_key text NOT NULL,
    event_type text NOT NULL,
    headers jsonb NOT NULL,
    payload bytea NOT NULL,
    trace_carrier jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    published_at timestamp with time zone
);

ALTER TABLE public.outbox ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.processed_events (
    consumer_group text NOT NULL,
    event_source text NOT NULL,
    event_id text NOT NULL,
    processed_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.reference_items (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    list text NOT NULL,
    name text NOT NULL,
    creator_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reference_items_list_check CHECK ((list = ANY (ARRAY['lead_source'::text, 'lead_unqualified_reason'::text]))),
    CONSTRAINT reference_items_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 255)))
);

ALTER TABLE ONLY public.reference_items FORCE ROW LEVEL SECURITY;

ALTER TABLE public.reference_items ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.reference_items_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.schema_migrations (
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE public.search_terms (
    tenant_id uuid NOT NULL,
    record_type text NOT NULL,
    record_id bigint NOT NULL,
    owner_id bigint NOT NULL,
    term text NOT NULL COLLATE pg_catalog."C",
    CONSTRAINT search_terms_record_type_check CHECK ((record_type = ANY (ARRAY['lead'::text, 'contact'::text])))
);

ALTER TABLE ONLY public.search_terms FORCE ROW LEVEL SECURITY;

CREATE TABLE public.tenant_defaults (
    tenant_id uuid NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.tenant_defaults FORCE ROW LEVEL SECURITY;

ALTER TABLE ONLY public.capture_form_keys
    ADD CONSTRAINT capture_form_keys_form_id_key UNIQUE (form_id);

ALTER TABLE ONLY public.capture_form_keys
    ADD CONSTRAINT capture_form_keys_pkey PRIMARY KEY (form_key);

ALTER TABLE ONLY public.capture_forms
    ADD CONSTRAINT capture_forms_form_key_key UNIQUE (form_key);

ALTER TABLE ONLY public.capture_forms
    ADD CONSTRAINT capture_forms_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.capture_forms
    ADD CONSTRAINT capture_forms_tenant_id_name_key UNIQUE (tenant_id, name);

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.custom_fields
    ADD CONSTRAINT custom_fields_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.data_job_queue
    ADD CONSTRAINT data_job_queue_pkey PRIMARY KEY (job_id);

ALTER TABLE ONLY public.data_job_row_errors
    ADD CONSTRAINT data_job_row_errors_pkey PRIMARY KEY (job_id, row_number);

ALTER TABLE ONLY public.data_jobs
    ADD CONSTRAINT data_jobs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.documents
    ADD CONSTRAINT documents_storage_key_key UNIQUE (storage_key);

ALTER TABLE ONLY public.lead_conversions
    ADD CONSTRAINT lead_conversions_lead_id_key UNIQUE (lead_id);

ALTER TABLE ONLY public.lead_conversions
    ADD CONSTRAINT lead_conversions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notes
    ADD CONSTRAINT notes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.object_purges
    ADD CONSTRAINT object_purges_pkey PRIMARY KEY (storage_key);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_event_id_key UNIQUE (event_id);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.processed_events
    ADD CONSTRAINT processed_events_pkey PRIMARY KEY (consumer_group, event_source, event_id);

ALTER TABLE ONLY public.reference_items
    ADD CONSTRAINT reference_items_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (name);

ALTER TABLE ONLY public.tenant_defaults
    ADD CONSTRAINT tenant_defaults_pkey PRIMARY KEY (tenant_id);

CREATE INDEX contacts_email_key ON public.contacts USING btree (tenant_id, email_key) WHERE (email_key IS NOT NULL);

CREATE INDEX contacts_organization ON public.contacts USING btree (contact_id) WHERE (contact_id IS NOT NULL);

CREATE INDEX contacts_parent ON public.contacts USING btree (parent_organization_id) WHERE (parent_organization_id IS NOT NULL);

CREATE INDEX contacts_phone_key ON public.contacts USING btree (tenant_id, phone_key) WHERE (phone_key IS NOT NULL);

CREATE INDEX contacts_tags ON public.contacts USING gin (tags);

CREATE INDEX contacts_tenant_email ON public.contacts USING btree (tenant_id, lower(email));

CREATE INDEX contacts_tenant_last_name ON public.contacts USING btree (tenant_id, last_name, id);

CREATE INDEX contacts_tenant_name ON public.contacts USING btree (tenant_id, lower(name), id);

CREATE INDEX contacts_tenant_owner ON public.contacts USING btree (tenant_id, owner_id, id);

CREATE INDEX contacts_tenant_updated ON public.contacts USING btree (tenant_id, updated_at, id);

CREATE INDEX custom_field_values_number_key ON public.custom_field_values USING btree (tenant_id, field_id, number_key, record_id);

CREATE INDEX custom_field_values_record ON public.custom_field_values USING btree (record_id, field_id);

CREATE INDEX custom_field_values_text_key ON public.custom_field_values USING btree (tenant_id, field_id, text_key, record_id);

CREATE UNIQUE INDEX custom_fields_unique_name ON public.custom_fields USING btree (tenant_id, resource, lower(name));

CREATE INDEX data_job_queue_due ON public.data_job_queue USING btree (lease_until, enqueued_at);

CREATE INDEX data_jobs_tenant_created ON public.data_jobs USING btree (tenant_id, id DESC);

CREATE INDEX documents_record ON public.documents USING btree (tenant_id, resource_type, resource_id, id);

CREATE INDEX lead_conversions_tenant ON public.lead_conversions USING btree (tenant_id, id DESC);

CREATE INDEX leads_email_key ON public.leads USING btree (tenant_id, email_key) WHERE (email_key IS NOT NULL);

CREATE INDEX leads_phone_key ON public.leads USING btree (tenant_id, phone_key) WHERE (phone_key IS NOT NULL);

CREATE INDEX leads_source ON public.leads USING btree (source_id) WHERE (source_id IS NOT NULL);

CREATE INDEX leads_tags ON public.leads USING gin (tags);

CREATE INDEX leads_tenant_email ON public.leads USING btree (tenant_id, lower(email));

CREATE INDEX leads_tenant_owner ON public.leads USING btree (tenant_id, owner_id, id);

CREATE INDEX leads_tenant_status ON public.leads USING btree (tenant_id, status, id);

CREATE INDEX leads_tenant_updated ON public.leads USING btree (tenant_id, updated_at, id);

CREATE INDEX leads_unqualified_reason ON public.leads USING btree (unqualified_reason_id) WHERE (unqualified_reason_id IS NOT NULL);

CREATE INDEX notes_record ON public.notes USING btree (tenant_id, resource_type, resource_id, id);

CREATE INDEX notes_tenant_updated ON public.notes USING btree (tenant_id, updated_at, id);

CREATE INDEX outbox_published_at ON public.outbox USING btree (published_at) WHERE (published_at IS NOT NULL);

CREATE INDEX outbox_unpublished ON public.outbox USING btree (id) WHERE (published_at IS NULL);

CREATE INDEX reference_items_tenant_list ON public.reference_items USING btree (tenant_id, list, id);

CREATE UNIQUE INDEX reference_items_unique_name ON public.reference_items USING btree (tenant_id, list, lower(name));

CREATE INDEX search_terms_prefix ON public.search_terms USING btree (tenant_id, term, record_type, record_id);

CREATE INDEX search_terms_record ON public.search_terms USING btree (record_type, record_id);

CREATE TRIGGER contacts_search_terms AFTER INSERT OR DELETE OR UPDATE OF name, first_name, last_name, email, phone, mobile, owner_id ON public.contacts FOR EACH ROW EXECUTE FUNCTION public.contacts_search_terms_sync();

CREATE TRIGGER leads_search_terms AFTER INSERT OR DELETE OR UPDATE OF first_name, last_name, organization_name, email, phone, mobile, owner_id, converted_at ON public.leads FOR EACH ROW EXECUTE FUNCTION public.leads_search_terms_sync();

ALTER TABLE ONLY public.capture_form_keys
    ADD CONSTRAINT capture_form_keys_form_id_fkey FOREIGN KEY (form_id) REFERENCES public.capture_forms(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.capture_forms
    ADD CONSTRAINT capture_forms_source_id_fkey FOREIGN KEY (source_id) REFERENCES public.reference_items(id) ON DELETE RESTRICT;

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_contact_id_fkey FOREIGN KEY (contact_id) REFERENCES public.contacts(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_parent_organization_id_fkey FOREIGN KEY (parent_organization_id) REFERENCES public.contacts(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.custom_field_values
    ADD CONSTRAINT custom_field_values_field_id_fkey FOREIGN KEY (field_id) REFERENCES public.custom_fields(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.data_job_row_errors
    ADD CONSTRAINT data_job_row_errors_job_id_fkey FOREIGN KEY (job_id) REFERENCES public.data_jobs(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.lead_conversions
    ADD CONSTRAINT lead_conversions_individual_id_fkey FOREIGN KEY (individual_id) REFERENCES public.contacts(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.lead_conversions
    ADD CONSTRAINT lead_conversions_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES public.leads(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.lead_conversions
    ADD CONSTRAINT lead_conversions_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES public.contacts(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_source_fk FOREIGN KEY (source_id) REFERENCES public.reference_items(id) ON DELETE RESTRICT;

ALTER TABLE ONLY public.leads
    ADD CONSTRAINT leads_unqualified_reason_fk FOREIGN KEY (unqualified_reason_id) REFERENCES public.reference_items(id) ON DELETE RESTRICT;

ALTER TABLE public.capture_forms ENABLE ROW LEVEL SECURITY;

CREATE POLICY capture_forms_tenant_isolation ON public.capture_forms USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.contacts ENABLE ROW LEVEL SECURITY;

CREATE POLICY contacts_tenant_isolation ON public.contacts USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.custom_field_values ENABLE ROW LEVEL SECURITY;

CREATE POLICY custom_field_values_tenant_isolation ON public.custom_field_values USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.custom_fields ENABLE ROW LEVEL SECURITY;

CREATE POLICY custom_fields_tenant_isolation ON public.custom_fields USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.data_job_row_errors ENABLE ROW LEVEL SECURITY;

CREATE POLICY data_job_row_errors_tenant_isolation ON public.data_job_row_errors USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.data_jobs ENABLE ROW LEVEL SECURITY;

CREATE POLICY data_jobs_tenant_isolation ON public.data_jobs USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;

CREATE POLICY documents_tenant_isolation ON public.documents USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.lead_conversions ENABLE ROW LEVEL SECURITY;

CREATE POLICY lead_conversions_tenant_isolation ON public.lead_conversions USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.leads ENABLE ROW LEVEL SECURITY;

CREATE POLICY leads_tenant_isolation ON public.leads USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;

CREATE POLICY notes_tenant_isolation ON public.notes USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.reference_items ENABLE ROW LEVEL SECURITY;

CREATE POLICY reference_items_tenant_isolation ON public.reference_items USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.search_terms ENABLE ROW LEVEL SECURITY;

CREATE POLICY search_terms_tenant_isolation ON public.search_terms USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.tenant_defaults ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_defaults_tenant_isolation ON public.tenant_defaults USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

INSERT INTO public.schema_migrations VALUES ('0001_leads.sql', '6d184fc9cbf585a9371d7fc73cf1240ba61431e6694f5b01572bd1b9e480bbdb', '2026-12-06 03:35:35.916287+00');
INSERT INTO public.schema_migrations VALUES ('0002_reference_lists.sql', 'a2752734f57ebbaf8d443eb55bf8f5910488d6917901caaef44ec2302d774a86', '2026-12-06 03:35:35.984732+00');
INSERT INTO public.schema_migrations VALUES ('0003_custom_fields.sql', '2864e8fed267afb5090c7e8b290c11e8e4a0d417b6b818d66cf5f7eff59c454a', '2026-12-06 03:35:36.054917+00');
INSERT INTO public.schema_migrations VALUES ('0004_contacts.sql', '1e2828a673f08886c49d210903302d919074e342aaf40c2cb2c8afec6235ba41', '2026-12-06 03:35:36.118922+00');
INSERT INTO public.schema_migrations VALUES ('0005_lead_conversions.sql', 'f1a500c19174710b06d7aea12269e508a05b9ffe43433f6e31cf478483ee3063', '2026-12-06 03:35:36.181625+00');
INSERT INTO public.schema_migrations VALUES ('0006_notes_and_tag_filters.sql', 'b6f7905205b0b4946d598f64d4d3ff17e68e6a793d81763011efd2e4156f41ea', '2026-12-06 03:35:36.236127+00');
INSERT INTO public.schema_migrations VALUES ('0007_search.sql', '560be40931ae579cf67fb5bf29e694dc76ea9d9f856ea71fb675aa9a5445cde7', '2026-12-06 03:35:36.296153+00');
INSERT INTO public.schema_migrations VALUES ('0008_custom_field_keys.sql', '2a6bf04fdf7ed7d048fb95bc97e24d00996d0b31339fe55dacabe727b1a3e892', '2026-12-06 03:35:36.357244+00');
INSERT INTO public.schema_migrations VALUES ('0009_documents.sql', '9d385ef171c207a2488863b530f78209a19d933a09d73b2e5712b7a4b9857972', '2026-12-06 03:35:36.41198+00');
INSERT INTO public.schema_migrations VALUES ('0010_capture_forms.sql', '6b8431ff6dd192d2eae9366cd38812f52661ca9eec4e69b420dec0ef9dadae7e', '2026-12-06 03:35:36.472669+00');
INSERT INTO public.schema_migrations VALUES ('0011_data_jobs.sql', '0e3789592001f387e87d6f439f6527edaff63468d3fae0aa3a49a63771f4827b', '2026-12-06 03:35:36.531995+00');
INSERT INTO public.schema_migrations VALUES ('0012_search_terms.sql', '2d16c4dea7c1cd7a5c26b74113f19bb13fa30b60eb0928af57327dabf9bdd733', '2026-12-06 03:35:36.612165+00');
INSERT INTO public.schema_migrations VALUES ('0013_text_key_prefix.sql', 'f3a1a9788289c4ccdd826f68839feaf0e9dffb449cc36bd8469b8e39c4bb481f', '2026-12-06 03:35:36.684348+00');
