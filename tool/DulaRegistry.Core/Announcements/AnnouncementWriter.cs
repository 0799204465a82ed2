using System.Globalization;
using System.Text;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Notices;

namespace DulaRegistry.Announcements;

/// <summary>
/// The issue that gives everyone their copy of a newly executed agreement: it mentions the parties' Data Sharing
/// Coordinators, names the DULA managers, signatories and drafters, and links the agreement's page, its source file at the
/// commit that executed it, and its proof in the signed registry.
/// </summary>
public static class AnnouncementWriter
{
    public const string Label = "executed";
    public const string MarkerKind = "announce";

    public static string MarkerFor(string id) => Marker.Format(MarkerKind, id);

    public static string Title(ExecutedAgreement executed) =>
        $"Executed: {executed.Id}" + (string.IsNullOrWhiteSpace(executed.Agreement.Title) ? ""
            : " " + string.Join(' ', executed.Agreement.Title.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

    public static string Body(ExecutedAgreement executed, LoadedRegistry registry, SiteLinks links)
    {
        var a = executed.Agreement;
        var parties = a.Parties.Select(p => p.Agency).ToList();
        var text = new StringBuilder()
            .Append(MarkerFor(executed.Id)).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"**{executed.Id}**, {MarkdownText.Escape(a.Title)}, is executed ")
            .Append(CultureInfo.InvariantCulture, $"(commit `{executed.Commit.ShortSha}`, {executed.Commit.Date:yyyy-MM-dd}).");
        if (a.Term is { Effective: var effective, Expires: var expires } && (effective ?? expires) is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Term: {effective:yyyy-MM-dd} to {expires:yyyy-MM-dd}.");
        }
        text.Append("\n\nThe framework asks that its signatories, DULA managers, drafters and Data Sharing Coordinators receive a copy: here it is.\n\n");
        var mentions = Mentions.Coordinators(registry, parties);
        if (mentions.Count > 0) text.Append("Data Sharing Coordinators: ").Append(string.Join(' ', mentions)).Append('\n');
        if (Mentions.Unreachable(registry, parties) is { Count: > 0 } silent)
        {
            text.Append("No GitHub handle is listed for the coordinators of ").Append(string.Join(", ", silent.Select(s => $"`{MarkdownText.Escape(s)}`")))
                .Append("; send them their copy another way.\n");
        }

        text.Append("\n| Party | Role | DULA manager | Signatory |\n|---|---|---|---|\n");
        foreach (var party in a.Parties)
        {
            var name = party.Agency is { } id && registry.AgencyById.TryGetValue(id, out var agency) ? agency.Model.Name : null;
            var signature = a.Signatures.FirstOrDefault(s => s.Agency == party.Agency);
            var signer = signature?.Name ?? party.Signatory?.Name;
            text.Append("| `").Append(MarkdownText.Escape(party.Agency)).Append('`').Append(name is null ? "" : " " + MarkdownText.Escape(name))
                .Append(" | ").Append(party.Role is { } role ? FrontMatterBinder.EnumName(role) : "")
                .Append(" | ").Append(Person(party.DulaManager?.Name, party.DulaManager?.Title, party.DulaManager?.Email))
                .Append(" | ").Append(Person(signer, signature?.Title ?? party.Signatory?.Title, null))
                .Append(signature?.Date is { } signed ? $", signed {signed:yyyy-MM-dd}" : "")
                .Append(" |\n");
        }
        if (a.Drafters.Count > 0)
        {
            text.Append("\nDrafters: ").Append(string.Join("; ", a.Drafters.Select(d => MarkdownText.Escape(d.Name) + (d.Agency is { } ag ? $" (`{MarkdownText.Escape(ag)}`)" : "")))).Append('\n');
        }

        text.Append('\n');
        if (links.Page(executed.Id) is { } page) text.Append("- The agreement's page: ").Append(page).Append('\n');
        if (links.Source(executed.Commit.Sha, executed.PathInRepository) is { } source)
        {
            text.Append(CultureInfo.InvariantCulture, $"- Its file as executed (commit `{executed.Commit.ShortSha}`): ").Append(source).Append('\n');
        }
        if (links.Proof(executed.Id) is { } proof) text.Append("- Its proof in the signed registry (there once the signed registry is published): ").Append(proof).Append('\n');
        if (links.Site is null) text.Append("- The site's address is unknown (no GitHub Pages address for `repository_url`); run `registry announce` with `--site-url` to link the page and proof.\n");
        return text.ToString();
    }

    private static string Person(string? name, string? title, string? email)
    {
        if (string.IsNullOrWhiteSpace(name)) return "(none)";
        var parts = new[] { title, email }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(MarkdownText.Escape).ToList();
        return MarkdownText.Escape(name) + (parts.Count > 0 ? $" ({string.Join(", ", parts)})" : "");
    }
}
