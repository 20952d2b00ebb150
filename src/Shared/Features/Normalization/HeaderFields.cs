namespace AkkaEtl.Features.Normalization;

/// <summary>
/// What <see cref="HeaderInference"/> read from a posting's header line. Texts are cleaned (<see cref="TextCleaner"/>
/// for company and title); <see cref="Location"/> and <see cref="SalaryText"/> are the segments as written (to be
/// parsed with <see cref="LocationParser"/> and <see cref="SalaryParser"/>); <see cref="Url"/> is the first link or
/// domain as written (HN shortens long link texts with "...").
/// </summary>
public sealed record HeaderFields(
    string? Company,
    string? Title,
    string? Location,
    bool? IsRemote,
    string? EmploymentType,
    string? SalaryText,
    string? Url);
