package com.callintel.hub.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Searches the whole database the way an auditor would: every text, varchar, JSON and bytea column of every
 * table, found from the catalog, so a table or column added later is searched without anyone remembering.
 */
public final class DatabaseScan {

    private final JdbcClient jdbc;

    public DatabaseScan(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** "table.column" of every column, in any table, with a row holding {@code value}. */
    public List<String> columnsHolding(String value) {
        return search(value, null);
    }

    /** The same, within the rows of one organization (tables with an org_id column). */
    public List<String> columnsHolding(UUID orgId, String value) {
        return search(value, orgId);
    }

    /** The tables that hold at least one row of the organization (its own row in organization included). */
    public Set<String> tablesWithRowsOf(UUID orgId) {
        Set<String> tables = new TreeSet<>();
        for (String table : jdbc.sql("select table_name from information_schema.columns where table_schema = 'public' "
                + "and column_name = 'org_id'").query(String.class).list()) {
            if (count("select count(*) from \"" + table + "\" where org_id = :org", orgId, null) > 0) {
                tables.add(table);
            }
        }
        if (count("select count(*) from organization where id = :org", orgId, null) > 0) {
            tables.add("organization");
        }
        return tables;
    }

    private List<String> search(String value, UUID orgId) {
        List<String> hits = new ArrayList<>();
        for (Map<String, Object> column : jdbc.sql("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'json', 'jsonb', 'bytea')
                  and (cast(:scoped as boolean) = false or exists (select 1 from information_schema.columns o
                       where o.table_schema = 'public' and o.table_name = c.table_name and o.column_name = 'org_id'))
                """).param("scoped", orgId != null).query().listOfRows()) {
            String name = "\"" + column.get("column_name") + "\"";
            String match = "bytea".equals(column.get("data_type"))
                    ? "position(convert_to(:v, 'UTF8') in " + name + ") > 0"
                    : name + "::text like '%' || :v || '%'";
            String sql = "select count(*) from \"" + column.get("table_name") + "\" where " + match
                    + (orgId != null ? " and org_id = :org" : "");
            if (count(sql, orgId, value) > 0) {
                hits.add(column.get("table_name") + "." + column.get("column_name"));
            }
        }
        return hits;
    }

    private long count(String sql, UUID orgId, String value) {
        var statement = jdbc.sql(sql);
        if (sql.contains(":org")) {
            statement = statement.param("org", orgId);
        }
        if (value != null) {
            statement = statement.param("v", value);
        }
        return statement.query(Long.class).single();
    }
}
