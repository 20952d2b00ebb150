namespace AkkaEtl.Features;

/// <summary>The built-in table's columns, in the order of the feature contract (../shared/spec/features.md).</summary>
public static class JobColumns
{
    public static readonly IReadOnlyList<ColumnSpec> All =
    [
        ColumnSpec.String("job_id", required: true),
        ColumnSpec.String("source"),
        ColumnSpec.String("url"),
        ColumnSpec.String("title"),
        ColumnSpec.String("company"),
        ColumnSpec.String("location_text"),
        ColumnSpec.String("city"),
        ColumnSpec.String("region"),
        ColumnSpec.String("country"),
        ColumnSpec.Boolean("is_remote"),
        ColumnSpec.String("employment_type"),
        ColumnSpec.Double("salary_min"),
        ColumnSpec.Double("salary_max"),
        ColumnSpec.String("salary_currency"),
        ColumnSpec.String("salary_period"),
        ColumnSpec.Double("salary_annual_min"),
        ColumnSpec.Double("salary_annual_max"),
        ColumnSpec.String("description_text"),
        ColumnSpec.Int32("description_chars"),
        ColumnSpec.Int32("description_words"),
        ColumnSpec.String("language"),
        ColumnSpec.Timestamp("posted_at"),
        ColumnSpec.Timestamp("updated_at"),
        ColumnSpec.Int32List("text_hash_idx"),
        ColumnSpec.FloatList("text_hash_val"),
        ColumnSpec.String(FeatureSchema.SourceFileColumn, required: true),
        ColumnSpec.Int64(FeatureSchema.SourceLineColumn, required: true),
    ];

    public const int JobId = 0, Source = 1, Url = 2, Title = 3, Company = 4, LocationText = 5, City = 6, Region = 7,
        Country = 8, IsRemote = 9, EmploymentType = 10, SalaryMin = 11, SalaryMax = 12, SalaryCurrency = 13,
        SalaryPeriod = 14, SalaryAnnualMin = 15, SalaryAnnualMax = 16, DescriptionText = 17, DescriptionChars = 18,
        DescriptionWords = 19, Language = 20, PostedAt = 21, UpdatedAt = 22, TextHashIdx = 23, TextHashVal = 24;
}
