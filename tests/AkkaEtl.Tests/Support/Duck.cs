using DuckDB.NET.Data;

namespace AkkaEtl.Tests.Support;

/// <summary>DuckDB straight on files: the independent check of what the pipeline wrote.</summary>
public static class Duck
{
    public static List<object?[]> Rows(string sql)
    {
        using var con = new DuckDBConnection("DataSource=:memory:");
        con.Open();
        using var cmd = con.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<object?[]>();
        while (r.Read())
        {
            var row = new object?[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++) row[i] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public static T Scalar<T>(string sql) => (T)Convert.ChangeType(Rows(sql)[0][0]!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);

    public static string Path(string p) => "'" + p.Replace("'", "''") + "'";
}
