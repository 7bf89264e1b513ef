-- supersedes: f3a1a9788289c4ccdd826f68839feaf0e9dffb449cc36bd8469b8e39c4bb481f
-- Text keys of custom field values keep their first 200 characters (see the custom-fields
-- migrations of @crm/records); databases made before them had longer keys shortened here.
select 1;
