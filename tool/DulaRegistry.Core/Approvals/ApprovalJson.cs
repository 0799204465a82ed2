using System.Text.Json.Serialization;

namespace DulaRegistry.Approvals;

// The shape of `registry approvals --format json`. Named records rather than anonymous types so the serializer can be
// source-generated (AOT); the property order is the key order of the output.

internal sealed record ApprovalReportJson(
    int PullRequest, string HeadSha, bool Satisfied, string Status, IEnumerable<AgreementApprovalJson> Agreements, IReadOnlyList<string> Skipped);

internal sealed record AgreementApprovalJson(
    string Path, string? Id, string? Status, bool Satisfied, string? Problem, IEnumerable<PartyApprovalJson> Parties);

internal sealed record PartyApprovalJson(
    string Agency, string Label, bool Approved, IReadOnlyList<string> ApprovedBy, IReadOnlyList<string> Ask, IReadOnlyList<string> Notes);

/// <summary>No enum is serialized (statuses are already front-matter names), so no enum converter is needed.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ApprovalReportJson))]
internal sealed partial class ApprovalJsonContext : JsonSerializerContext;
