namespace AkkaEtl.Glue;

/// <summary>
/// Validates the names that go into the Glue catalog and Athena DDL. Glue stores names in lower case, so names are
/// lower-cased here first: what is sent is what comes back.
/// </summary>
public static class CatalogNames
{
    public const int MaxLength = 255;

    /// <summary>A database or table name: letters, digits and '_'; returned in lower case.</summary>
    public static string Entity(string name, string what) => Identifier(name, what);

    /// <summary>A column name: letters, digits and '_', not the partition column; returned in lower case.</summary>
    public static string Column(string name)
    {
        var lower = Identifier(name, "column");
        if (lower == GlueTableDefinition.PartitionColumn)
            throw new ArgumentException($"'{name}' is the partition column, not a data column");
        return lower;
    }

    private static string Identifier(string name, string what)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"{what} name '{name}' must be 1 to {MaxLength} letters, digits and '_'");
        return name.ToLowerInvariant();
    }

    /// <summary>A backtick-quoted identifier for Athena DDL (the name is validated, so it holds no backtick).</summary>
    public static string Quote(string validatedName) => $"`{validatedName}`";
}
