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

SET default_tablespace = '';

SET default_table_access_method = heap;

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
    CONSTRAINT custom_fields_resource_check CHECK ((resource = 'deal'::text)),
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

CREATE TABLE public.deal_contacts (
    tenant_id uuid NOT NULL,
    deal_id bigint NOT NULL,
    contact_id bigint NOT NULL,
    role text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT deal_contacts_role_check CHECK (((length(btrim(role)) >= 1) AND (length(btrim(role)) <= 64)))
);

ALTER TABLE ONLY public.deal_contacts FORCE ROW LEVEL SECURITY;

CREATE TABLE public.deal_reservations (
    tenant_id uuid NOT NULL,
    lead_id bigint NOT NULL,
    deal_id bigint NOT NULL,
    creator_id bigint NOT NULL,
    deal jsonb NOT NULL,
    fingerprint text NOT NULL,
    confirmed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.deal_reservations FORCE ROW LEVEL SECURITY;

CREATE TABLE public.deal_stage_changes (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    deal_id bigint NOT NULL,
    pipeline_id bigint NOT NULL,
    from_stage_id bigint,
    to_stage_id bigint NOT NULL,
    to_category text NOT NULL,
    reason_id bigint,
    changed_by_id bigint NOT NULL,
    changed_at timestamp with time zone DEFAULT now() NOT NULL,
    left_at timestamp with time zone,
    next_stage_id bigint,
    advanced boolean,
    owner_id bigint NOT NULL
);

ALTER TABLE ONLY public.deal_stage_changes FORCE ROW LEVEL SECURITY;

ALTER TABLE public.deal_stage_changes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.deal_stage_changes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.deals (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    creator_id bigint NOT NULL,
    owner_id bigint NOT NULL,
    name text NOT NULL,
    value numeric(17,2) DEFAULT 0 NOT NULL,
    currency character(3) NOT NULL,
    hot boolean DEFAULT false NOT NULL,
    pipeline_id bigint NOT NULL,
    stage_id bigint NOT NULL,
    stage_category text NOT NULL,
    contact_id bigint,
    organization_id bigint,
    source_id bigint,
    loss_reason_id bigint,
    unqualified_reason_id bigint,
    estimated_close_date date,
    customized_win_likelihood integer,
    added_at timestamp with time zone,
    last_stage_change_at timestamp with time zone DEFAULT now() NOT NULL,
    last_stage_change_by_id bigint,
    last_activity_at timestamp with time zone,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    conversion_lead_id bigint,
    CONSTRAINT deals_customized_win_likelihood_check CHECK (((customized_win_likelihood >= 0) AND (customized_win_likelihood <= 100))),
    CONSTRAINT deals_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 255))),
    CONSTRAINT deals_stage_category_check CHECK ((stage_category = ANY (ARRAY['incoming'::text, 'in_progress'::text, 'won'::text, 'lost'::text, 'unqualified'::text])))
);

ALTER TABLE ONLY public.deals FORCE ROW LEVEL SECURITY;

ALTER TABLE public.deals ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.deals_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.line_items (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    order_id bigint NOT NULL,
    product_id bigint,
    name text NOT NULL,
    sku text,
    description text,
    currency character(3) NOT NULL,
    price numeric(17,2) NOT NULL,
    variation numeric(8,4) DEFAULT 0 NOT NULL,
    value numeric(17,2) NOT NULL,
    quantity integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT line_items_quantity_check CHECK (((quantity >= 1) AND (quantity <= 1000000)))
);

ALTER TABLE ONLY public.line_items FORCE ROW LEVEL SECURITY;

ALTER TABLE public.line_items ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.line_items_id_seq
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
    CONSTRAINT notes_resource_type_check CHECK ((resource_type = 'deal'::text))
);

ALTER TABLE ONLY public.notes FORCE ROW LEVEL SECURITY;

ALTER TABLE public.notes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.notes_id_seq
    START WITH 1000000000000000
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.orders (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    deal_id bigint NOT NULL,
    discount numeric(7,4) DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT orders_discount_check CHECK (((discount >= (0)::numeric) AND (discount <= (100)::numeric)))
);

ALTER TABLE ONLY public.orders FORCE ROW LEVEL SECURITY;

ALTER TABLE public.orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
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

CREATE TABLE public.pipelines (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    disabled boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT pipelines_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100)))
);

ALTER TABLE ONLY public.pipelines FORCE ROW LEVEL SECURITY;

ALTER TABLE public.pipelines ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.pipelines_id_seq
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

CREATE TABLE public.products (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    name text NOT NULL,
    sku text,
    description text,
    active boolean DEFAULT true NOT NULL,
    max_discount numeric(7,4),
    max_markup numeric(8,4),
    cost numeric(17,2),
    cost_currency character(3),
    prices jsonb DEFAULT '[]'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT products_cost_check CHECK ((cost >= (0)::numeric)),
    CONSTRAINT products_description_check CHECK ((length(description) <= 65535)),
    CONSTRAINT products_max_discount_check CHECK (((max_discount >= (0)::numeric) AND (max_discount <= (100)::numeric))),
    CONSTRAINT products_max_markup_check CHECK ((max_markup >= (0)::numeric)),
    CONSTRAINT products_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 255))),
    CONSTRAINT products_sku_check CHECK ((length(sku) <= 255))
);

ALTER TABLE ONLY public.products FORCE ROW LEVEL SECURITY;

ALTER TABLE public.products ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.products_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.reference_items (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    list text NOT NULL,
    name text NOT NULL,
    creator_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT reference_items_list_check CHECK ((list = ANY (ARRAY['deal_source'::text, 'loss_reason'::text, 'deal_unqualified_reason'::text]))),
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

CREATE TABLE public.stages (
    id bigint NOT NULL,
    tenant_id uuid NOT NULL,
    pipeline_id bigint NOT NULL,
    name text NOT NULL,
    category text NOT NULL,
    "position" integer NOT NULL,
    likelihood integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT stages_category_check CHECK ((category = ANY (ARRAY['incoming'::text, 'in_progress'::text, 'won'::text, 'lost'::text, 'unqualified'::text]))),
    CONSTRAINT stages_likelihood_check CHECK (((likelihood >= 0) AND (likelihood <= 100))),
    CONSTRAINT stages_name_check CHECK (((length(btrim(name)) >= 1) AND (length(btrim(name)) <= 100))),
    CONSTRAINT stages_position_check CHECK (("position" > 0))
);

ALTER TABLE ONLY public.stages FORCE ROW LEVEL SECURITY;

ALTER TABLE public.stages ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.stages_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE public.tenant_defaults (
    tenant_id uuid NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY public.tenant_defaults FORCE ROW LEVEL SECURITY;

ALTER TABLE ONLY public.custom_fields
    ADD CONSTRAINT custom_fields_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.deal_contacts
    ADD CONSTRAINT deal_contacts_pkey PRIMARY KEY (deal_id, contact_id);

ALTER TABLE ONLY public.deal_reservations
    ADD CONSTRAINT deal_reservations_deal_id_key UNIQUE (deal_id);

ALTER TABLE ONLY public.deal_reservations
    ADD CONSTRAINT deal_reservations_pkey PRIMARY KEY (tenant_id, lead_id);

ALTER TABLE ONLY public.deal_stage_changes
    ADD CONSTRAINT deal_stage_changes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.deals
    ADD CONSTRAINT deals_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.line_items
    ADD CONSTRAINT line_items_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notes
    ADD CONSTRAINT notes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_event_id_key UNIQUE (event_id);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.pipelines
    ADD CONSTRAINT pipelines_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.processed_events
    ADD CONSTRAINT processed_events_pkey PRIMARY KEY (consumer_group, event_source, event_id);

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.reference_items
    ADD CONSTRAINT reference_items_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (name);

ALTER TABLE ONLY public.stages
    ADD CONSTRAINT stages_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.tenant_defaults
    ADD CONSTRAINT tenant_defaults_pkey PRIMARY KEY (tenant_id);

CREATE INDEX custom_field_values_number_key ON public.custom_field_values USING btree (tenant_id, field_id, number_key, record_id);

CREATE INDEX custom_field_values_record ON public.custom_field_values USING btree (record_id, field_id);

CREATE INDEX custom_field_values_text_key ON public.custom_field_values USING btree (tenant_id, field_id, text_key, record_id);

CREATE UNIQUE INDEX custom_fields_unique_name ON public.custom_fields USING btree (tenant_id, resource, lower(name));

CREATE INDEX deal_contacts_contact ON public.deal_contacts USING btree (tenant_id, contact_id);

CREATE INDEX deal_reservations_age ON public.deal_reservations USING btree (created_at);

CREATE INDEX deal_stage_changes_deal ON public.deal_stage_changes USING btree (tenant_id, deal_id, changed_at);

CREATE INDEX deal_stage_changes_deal_order ON public.deal_stage_changes USING btree (deal_id, changed_at, id);

CREATE INDEX deal_stage_changes_flow ON public.deal_stage_changes USING btree (tenant_id, pipeline_id, changed_at) INCLUDE (to_stage_id, owner_id, left_at, advanced);

CREATE INDEX deal_stage_changes_open ON public.deal_stage_changes USING btree (deal_id) WHERE (left_at IS NULL);

CREATE INDEX deals_contact ON public.deals USING btree (tenant_id, contact_id) WHERE (contact_id IS NOT NULL);

CREATE UNIQUE INDEX deals_conversion_lead ON public.deals USING btree (tenant_id, conversion_lead_id) WHERE (conversion_lead_id IS NOT NULL);

CREATE INDEX deals_organization ON public.deals USING btree (tenant_id, organization_id) WHERE (organization_id IS NOT NULL);

CREATE INDEX deals_owner ON public.deals USING btree (tenant_id, owner_id, id);

CREATE INDEX deals_pipeline_outcome ON public.deals USING btree (tenant_id, pipeline_id, stage_category, last_stage_change_at);

CREATE INDEX deals_pipeline_stage ON public.deals USING btree (tenant_id, pipeline_id, stage_id, owner_id) INCLUDE (currency, value);

CREATE INDEX deals_stage ON public.deals USING btree (tenant_id, stage_id, owner_id);

CREATE INDEX deals_tags ON public.deals USING gin (tags);

CREATE INDEX line_items_order ON public.line_items USING btree (tenant_id, order_id, id);

CREATE INDEX notes_record ON public.notes USING btree (tenant_id, resource_type, resource_id, id);

CREATE INDEX notes_tenant_updated ON public.notes USING btree (tenant_id, updated_at, id);

CREATE UNIQUE INDEX orders_one_per_deal ON public.orders USING btree (deal_id);

CREATE INDEX orders_tenant ON public.orders USING btree (tenant_id, id);

CREATE INDEX outbox_published_at ON public.outbox USING btree (published_at) WHERE (published_at IS NOT NULL);

CREATE INDEX outbox_unpublished ON public.outbox USING btree (id) WHERE (published_at IS NULL);

CREATE UNIQUE INDEX pipelines_unique_name ON public.pipelines USING btree (tenant_id, lower(name));

CREATE INDEX products_tenant ON public.products USING btree (tenant_id, id);

CREATE UNIQUE INDEX products_unique_sku ON public.products USING btree (tenant_id, lower(sku)) WHERE (sku IS NOT NULL);

CREATE INDEX reference_items_tenant_list ON public.reference_items USING btree (tenant_id, list, id);

CREATE UNIQUE INDEX reference_items_unique_name ON public.reference_items USING btree (tenant_id, list, lower(name));

CREATE UNIQUE INDEX stages_one_closed_each ON public.stages USING btree (pipeline_id, category) WHERE (category = ANY (ARRAY['won'::text, 'lost'::text, 'unqualified'::text]));

CREATE INDEX stages_pipeline ON public.stages USING btree (tenant_id, pipeline_id, "position");

ALTER TABLE ONLY public.custom_field_values
    ADD CONSTRAINT custom_field_values_field_id_fkey FOREIGN KEY (field_id) REFERENCES public.custom_fields(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.deal_contacts
    ADD CONSTRAINT deal_contacts_deal_id_fkey FOREIGN KEY (deal_id) REFERENCES public.deals(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.deal_stage_changes
    ADD CONSTRAINT deal_stage_changes_deal_id_fkey FOREIGN KEY (deal_id) REFERENCES public.deals(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.deals
    ADD CONSTRAINT deals_loss_reason_id_fkey FOREIGN KEY (loss_reason_id) REFERENCES public.reference_items(id) ON DELETE RESTRICT;

ALTER TABLE ONLY public.deals
    ADD CONSTRAINT deals_pipeline_id_fkey FOREIGN KEY (pipeline_id) REFERENCES public.pipelines(id);

ALTER TABLE ONLY public.deals
    ADD CONSTRAINT deals_source_id_fkey FOREIGN KEY (source_id) REFERENCES public.reference_items(id) ON DELETE RESTRICT;

ALTER TABLE ONLY public.deals
    ADD CONSTRAINT deals_stage_id_fkey FOREIGN KEY (stage_id) REFERENCES public.stages(id) ON DELETE RESTRICT;

ALTER TABLE ONLY public.deals
    ADD CONSTRAINT deals_unqualified_reason_id_fkey FOREIGN KEY (unqualified_reason_id) REFERENCES public.reference_items(id) ON DELETE RESTRICT;

ALTER TABLE ONLY public.line_items
    ADD CONSTRAINT line_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.line_items
    ADD CONSTRAINT line_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.notes
    ADD CONSTRAINT notes_resource_id_fkey FOREIGN KEY (resource_id) REFERENCES public.deals(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_deal_id_fkey FOREIGN KEY (deal_id) REFERENCES public.deals(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.stages
    ADD CONSTRAINT stages_pipeline_id_fkey FOREIGN KEY (pipeline_id) REFERENCES public.pipelines(id) ON DELETE CASCADE;

ALTER TABLE public.custom_field_values ENABLE ROW LEVEL SECURITY;

CREATE POLICY custom_field_values_tenant_isolation ON public.custom_field_values USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.custom_fields ENABLE ROW LEVEL SECURITY;

CREATE POLICY custom_fields_tenant_isolation ON public.custom_fields USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.deal_contacts ENABLE ROW LEVEL SECURITY;

CREATE POLICY deal_contacts_tenant_isolation ON public.deal_contacts USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.deal_reservations ENABLE ROW LEVEL SECURITY;

CREATE POLICY deal_reservations_tenant_isolation ON public.deal_reservations USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.deal_stage_changes ENABLE ROW LEVEL SECURITY;

CREATE POLICY deal_stage_changes_tenant_isolation ON public.deal_stage_changes USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.deals ENABLE ROW LEVEL SECURITY;

CREATE POLICY deals_tenant_isolation ON public.deals USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.line_items ENABLE ROW LEVEL SECURITY;

CREATE POLICY line_items_tenant_isolation ON public.line_items USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;

CREATE POLICY notes_tenant_isolation ON public.notes USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;

CREATE POLICY orders_tenant_isolation ON public.orders USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.pipelines ENABLE ROW LEVEL SECURITY;

CREATE POLICY pipelines_tenant_isolation ON public.pipelines USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.products ENABLE ROW LEVEL SECURITY;

CREATE POLICY products_tenant_isolation ON public.products USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.reference_items ENABLE ROW LEVEL SECURITY;

CREATE POLICY reference_items_tenant_isolation ON public.reference_items USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.stages ENABLE ROW LEVEL SECURITY;

CREATE POLICY stages_tenant_isolation ON public.stages USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

ALTER TABLE public.tenant_defaults ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_defaults_tenant_isolation ON public.tenant_defaults USING ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)) WITH CHECK ((tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid));

INSERT INTO public.schema_migrations VALUES ('0001_pipelines.sql', '0b66006b5ebb31b75ce3f8895922faf5c407357e4d7441c76a994a8841e0187b', '2026-12-06 03:35:37.130681+00');
INSERT INTO public.schema_migrations VALUES ('0002_deals.sql', 'ebd0df0536eaf3ffb348cadfd4502add38eca0e930bc39b89f43148c529c0cf1', '2026-12-06 03:35:37.198977+00');
INSERT INTO public.schema_migrations VALUES ('0003_deal_contacts_products_orders.sql', '4f4a2e4e1c0d2a1d2ee1fbd67f9dd73ea0d62730fe94472b502042963634a0e1', '2026-12-06 03:35:37.284411+00');
INSERT INTO public.schema_migrations VALUES ('0004_conversion_deals.sql', '517782e067b591fbf9e6894d7704088f20f43ffc8b04fd340a48ea365541191c', '2026-12-06 03:35:37.361032+00');
INSERT INTO public.schema_migrations VALUES ('0005_analytics_indexes.sql', '54ed225f2297d6dce826f5b5fe5301c48f68f9034e505972e700f2195b5ad995', '2026-12-06 03:35:37.416327+00');
INSERT INTO public.schema_migrations VALUES ('0006_deal_notes.sql', '7f5a91e1b6fa18e8b42e78b5387be857ed8121147486662c4ee98cce8072654b', '2026-12-06 03:35:37.464913+00');
INSERT INTO public.schema_migrations VALUES ('0007_stage_history_durations.sql', 'df98c4013d40b28b118711e7beea3d22015060829c41b249d60e830f16f388dd', '2026-12-06 03:35:37.517645+00');
INSERT INTO public.schema_migrations VALUES ('0008_stage_history_owner.sql', '2276ba06add2c0f07c0f8e0a30d53e3e6fe7d9f9f07450e1c53ce6180391eb91', '2026-12-06 03:35:37.582027+00');
