-- Managed Flink applications: the current version of each, its configuration as JSON (new members need no migration).
create table analytics.application (
    id                         uuid          primary key,
    account_id                 varchar(12)   not null,
    region                     varchar(32)   not null,
    name                       varchar(128)  not null,
    description                varchar(1024) not null,
    runtime_environment        varchar(32)   not null,
    service_execution_role     varchar(2048) not null,
    application_mode           varchar(16)   not null,
    status                     varchar(16)   not null,
    version_id                 bigint        not null,
    version_updated_from       bigint,
    version_rolled_back_from   bigint,
    version_rolled_back_to     bigint,
    version_created_at         timestamptz   not null,
    created_at                 timestamptz   not null,
    updated_at                 timestamptz   not null,
    configuration              text          not null,
    -- The run: the engine's job while STARTING, RUNNING, UPDATING or stopping; how it was (or will be) started.
    job_id                     varchar(64),
    started_at                 timestamptz,
    restore_type               varchar(32)   not null,
    restore_snapshot_name      varchar(256),
    allow_non_restored_state   boolean       not null,
    row_version                bigint        not null
);

-- A name is taken until its application is gone, DELETING included.
create unique index application_name_per_account on analytics.application (account_id, region, name);
create index application_status on analytics.application (status);

create table analytics.application_tag (
    application_id uuid         not null references analytics.application (id) on delete cascade,
    tag_key        varchar(128) not null,
    tag_value      varchar(256) not null,
    primary key (application_id, tag_key)
);

-- Every version an application had (ListApplicationVersions, DescribeApplicationVersion, RollbackApplication).
create table analytics.application_version (
    id                       uuid          primary key,
    application_id           uuid          not null references analytics.application (id) on delete cascade,
    version_id               bigint        not null,
    description              varchar(1024) not null,
    runtime_environment      varchar(32)   not null,
    service_execution_role   varchar(2048) not null,
    configuration            text          not null,
    version_updated_from     bigint,
    version_rolled_back_from bigint,
    version_rolled_back_to   bigint,
    created_at               timestamptz   not null,
    unique (application_id, version_id)
);

-- Application code that is a JAR (ZipFileContent, or an S3 object read at Create/Update time), kept durably.
create table analytics.application_code (
    id             uuid        primary key,
    application_id uuid        not null references analytics.application (id) on delete cascade,
    md5            varchar(32) not null,
    size           bigint      not null,
    content        bytea       not null
);

create table analytics.application_snapshot (
    id                  uuid         primary key,
    application_id      uuid         not null references analytics.application (id) on delete cascade,
    name                varchar(256) not null,
    status              varchar(16)  not null,
    version_id          bigint       not null,
    runtime_environment varchar(32)  not null,
    location            varchar(2048),
    created_at          timestamptz  not null,
    unique (application_id, name)
);

-- Start, Stop, Update, CreateApplicationSnapshot and Rollback calls, and how each ended.
create table analytics.application_operation (
    id                   varchar(64)  primary key,
    application_id       uuid         not null references analytics.application (id) on delete cascade,
    operation            varchar(64)  not null,
    status               varchar(16)  not null,
    start_time           timestamptz  not null,
    end_time             timestamptz,
    error_string         varchar(512),
    version_updated_from bigint,
    version_updated_to   bigint
);

create index application_operation_by_app on analytics.application_operation (application_id, start_time);
