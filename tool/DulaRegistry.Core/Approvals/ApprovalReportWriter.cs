using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DulaRegistry.Loading;

namespace DulaRegistry.Approvals;

/// <summary>The output formats of <c>registry approvals</c>.</summary>
public enum ApprovalFormat
{
    Text,
    Markdown,
    Json,
}

/// <summary>Writes an <see cref="ApprovalReport"/> as text (a terminal or CI log), Markdown (a comment or job summary) or JSON.</summary>
public static class ApprovalReportWriter
{
    // The encoder is not a source-generation option, so the generated context is built over options that add it.
    private static readonly ApprovalJsonContext s_json = new(new JsonSerializerOptions(ApprovalJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.Default,
    });

    public static void Write(ApprovalReport report, int number, ApprovalFormat format, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        switch (format)
        {
            case ApprovalFormat.Json:
                output.WriteLine(JsonSerializer.Serialize(new ApprovalReportJson(
                    number,
                    report.HeadSha,
                    report.Satisfied,
                    CommitStatusText.Describe(report),
                    report.Agreements.Select(a => new AgreementApprovalJson(
                        a.Path,
                        a.Id,
                        a.Status is { } s ? FrontMatterBinder.EnumName(s) : null,
                        a.Satisfied,
                        a.Problem,
                        a.Parties.Select(p => new PartyApprovalJson(p.Agency, p.Label, p.Approved, p.ApprovedBy, p.Ask, p.Notes)))),
                    report.Skipped), s_json.ApprovalReportJson));
                break;
            case ApprovalFormat.Markdown:
                WriteMarkdown(report, number, output);
                break;
            default:
                WriteText(report, number, output);
                break;
        }
    }

    private static void WriteText(ApprovalReport report, int number, TextWriter output)
    {
        output.WriteLine(Invariant($"pull request #{number}, head {Short(report.HeadSha)}: {Count(report.Agreements.Count)} every party's legal approval"));
        foreach (var agreement in report.Agreements)
        {
            output.WriteLine($"{Safe(agreement.Path)} ({Describe(agreement)}): {(agreement.Satisfied ? "approved by every party" : "waiting")}");
            if (agreement.Problem is not null) output.WriteLine($"  {Safe(agreement.Problem)}");
            foreach (var party in agreement.Parties)
            {
                output.WriteLine(party.Approved
                    ? $"  {Safe(party.Label)}: approved by {string.Join(", ", party.ApprovedBy.Select(l => "@" + Safe(l)))}"
                    : $"  {Safe(party.Label)}: still needed; ask {Ask(party)}");
                foreach (var note in party.Notes) output.WriteLine($"    note: {Safe(note)}");
            }
        }
        foreach (var skipped in report.Skipped) output.WriteLine($"not needed: {Safe(skipped)}");
        output.WriteLine(report.Agreements.Count == 0
            ? "note: this pull request changes no agreement that needs legal approval"
            : $"{(report.Satisfied ? "ok" : "waiting")}: {Safe(CommitStatusText.Describe(report))}");
    }

    private static void WriteMarkdown(ApprovalReport report, int number, TextWriter output)
    {
        output.WriteLine(Invariant($"### Legal review of pull request #{number}"));
        output.WriteLine();
        output.WriteLine($"{(report.Satisfied ? "✅" : "⏳")} {Md(CommitStatusText.Describe(report))} (head `{Short(report.HeadSha)}`)");
        foreach (var agreement in report.Agreements)
        {
            output.WriteLine();
            output.WriteLine($"**`{Code(agreement.Path)}`** ({Md(Describe(agreement))})");
            output.WriteLine();
            if (agreement.Problem is not null) output.WriteLine($"- ❌ {Md(agreement.Problem)}");
            foreach (var party in agreement.Parties)
            {
                // Logins are written as `code` so the report does not notify anyone by mentioning them.
                output.WriteLine(party.Approved
                    ? $"- ✅ {Md(party.Label)}: approved by {string.Join(", ", party.ApprovedBy.Select(l => $"`@{Code(l)}`"))}"
                    : $"- ⏳ {Md(party.Label)}: still needed; ask {string.Join(" or ", party.Ask.Select(r => $"`{Code(r)}`").DefaultIfEmpty("(nobody is listed)"))}");
                foreach (var note in party.Notes) output.WriteLine($"  - {Md(note)}");
            }
        }
        if (report.Skipped.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Not needing legal approval:");
            foreach (var skipped in report.Skipped) output.WriteLine($"- {Md(skipped)}");
        }
    }

    private static string Count(int n) => n switch
    {
        0 => "no agreement needs",
        1 => "1 agreement needs",
        _ => Invariant($"{n} agreements need"),
    };

    private static string Describe(AgreementApproval agreement) =>
        $"{Safe(agreement.Id ?? "no id")}, {(agreement.Status is { } s ? FrontMatterBinder.EnumName(s) : "status unknown")}";

    private static string Ask(PartyApproval party) =>
        party.Ask.Count == 0 ? "(nobody is listed)" : string.Join(" or ", party.Ask.Select(Safe));

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Makes text from a pull request or a file safe on one line of a log: controls, line breaks and
    /// bidirectional or invisible format characters become visible escapes.</summary>
    public static string Safe(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>Markdown-escaped: punctuation that could make links, emphasis or HTML is backslash-escaped.</summary>
    private static string Md(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in Safe(text))
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '!' or '~' or '&' or '@') builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Text inside a code span: a backtick would end it.</summary>
    private static string Code(string text) => Safe(text).Replace('`', '\'');
}
