using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DulaRegistry.Benchmarks;

/// <summary>
/// Writes a large, valid registry (deterministic for a given size) for benchmarks: 12 secretariats,
/// 8 agencies under each, and N agreements across every lifecycle state.
/// </summary>
public static class RegistryGenerator
{
    private static readonly string[] s_statuses =
        ["executed", "executed", "executed", "expired", "terminated", "proposed", "drafting", "in-review", "final", "submitted", "withdrawn"];

    private static readonly string[] s_regulations = ["hipaa", "ferpa", "42-cfr-part-2", "irs-pub-1075", "cjis"];

    public static void Write(string root, int agreements)
    {
        Directory.CreateDirectory(Path.Combine(root, "agencies"));
        Directory.CreateDirectory(Path.Combine(root, "agreements"));
        File.WriteAllText(Path.Combine(root, "registry.yml"),
            "name: Generated benchmark registry\nrepository_url: https://github.com/example-org/generated\nid_prefix: DULA\n");
        var agencies = new List<string>();
        for (var s = 0; s < 12; s++)
        {
            var sec = $"sec{s:00}";
            WriteAgency(root, sec, $"Executive Office {s}", "secretariat", null);
            for (var a = 0; a < 8; a++)
            {
                var id = $"agency{s:00}-{a}";
                WriteAgency(root, id, $"Department {s}.{a} of Examples", "agency", sec);
                agencies.Add(id);
            }
        }

        foreach (var spec in Specs(agencies, agreements))
        {
            File.WriteAllText(Path.Combine(root, "agreements", spec.Id + ".md"), spec.Text(spec.FinalStatus));
        }
    }

    /// <summary>One generated agreement: everything but its status is fixed, so its file can be written at any step of its lifecycle.</summary>
    public sealed record Spec(string Id, int Year, string FinalStatus, string Owner, string Recipient, int Index)
    {
        public string Text(string status) => Agreement(Id, Year, status, Owner, Recipient, Index);

        /// <summary>The statuses it passes through to reach <see cref="FinalStatus"/>, in order.</summary>
        public IReadOnlyList<string> Path => FinalStatus switch
        {
            "withdrawn" => ["proposed", "drafting", "withdrawn"],
            "expired" or "terminated" => ["proposed", "drafting", "in-review", "final", "submitted", "executed", FinalStatus],
            _ => s_lifecycle[..(Array.IndexOf(s_lifecycle, FinalStatus) + 1)],
        };
    }

    private static readonly string[] s_lifecycle = ["proposed", "drafting", "in-review", "final", "submitted", "executed"];

    /// <summary>The agencies the generator writes, in order.</summary>
    public static List<string> AgencyIds() =>
        [.. Enumerable.Range(0, 12).SelectMany(s => Enumerable.Range(0, 8).Select(a => $"agency{s:00}-{a}"))];

    public static IEnumerable<Spec> Specs(IReadOnlyList<string> agencies, int agreements)
    {
        var random = new Random(20261122);
        for (var i = 0; i < agreements; i++)
        {
            var year = 2020 + (i % 7);
            var id = $"DULA-{year}-{i + 1:0000}";
            var owner = agencies[random.Next(agencies.Count)];
            string recipient;
            do recipient = agencies[random.Next(agencies.Count)]; while (recipient == owner);
            yield return new Spec(id, year, s_statuses[i % s_statuses.Length], owner, recipient, i);
        }
    }

    private static void WriteAgency(string root, string id, string name, string kind, string? secretariat)
    {
        var text = new StringBuilder()
            .Append("---\nid: ").Append(id).Append("\nname: ").Append(name).Append("\nacronym: ").Append(id.ToUpperInvariant())
            .Append("\nkind: ").Append(kind).Append('\n');
        if (secretariat is not null) text.Append("secretariat: ").Append(secretariat).Append('\n');
        text.Append("mou:\n  signed: 2024-05-01\ncoordinators:\n  - { name: Sam Example, title: Data Sharing Coordinator, email: sam@example.org }\n")
            .Append("legal_reviewers: [\"@example-org/").Append(id).Append("-legal\"]\n")
            .Append("signatories:\n  - { name: Pat Signer, title: Commissioner }\n")
            .Append("website: https://www.mass.gov/\n---\nA generated agency.\n");
        File.WriteAllText(Path.Combine(root, "agencies", id + ".md"), text.ToString());
    }

    private static string Agreement(string id, int year, string status, string owner, string recipient, int i)
    {
        var rank = Array.IndexOf(["proposed", "drafting", "in-review", "final", "submitted", "executed"], status);
        var executed = status is "executed" or "expired" or "terminated";
        var final = executed || rank >= 3;
        var effective = status == "expired" ? new DateOnly(2020, 1, 1) : new DateOnly(2026, 1, 1).AddDays(i % 300);
        var expires = effective.AddYears(3).AddDays(-1);
        var sb = new StringBuilder();
        sb.Append("---\nid: ").Append(id).Append("\ntitle: Generated data sharing project ").Append(i)
          .Append(" for wage and benefit eligibility\nstatus: ").Append(status).Append("\nframework: mou\nparties:\n");
        foreach (var (agency, role) in new[] { (recipient, "recipient"), (owner, "owner") })
        {
            sb.Append("  - agency: ").Append(agency).Append("\n    role: ").Append(role).Append('\n');
            if (final || status == "withdrawn")
            {
                sb.Append("    dula_manager: { name: Morgan Manager, title: Program Manager, email: morgan@example.org }\n")
                  .Append("    signatory: { name: Pat Signer, title: Commissioner }\n");
            }
        }
        sb.Append("drafters:\n  - { name: Drew Drafter, agency: ").Append(recipient).Append(" }\n")
          .Append("purpose: Verify eligibility for program ").Append(i).Append(" by matching applicant records against wage data.\n")
          .Append("data:\n  - name: Wage records ").Append(i).Append("\n    from: ").Append(owner).Append("\n    to: [").Append(recipient)
          .Append("]\n    classification: pii\n    elements: [SSN, name, quarterly wages]\n    regulations: [")
          .Append(s_regulations[i % s_regulations.Length]).Append("]\n    frequency: quarterly\n    transfer: sftp\n")
          .Append("legal_authority:\n  - { citation: \"M.G.L. c. 62C, § 21\", note: Generated. }\n");
        if (final || status == "withdrawn")
        {
            sb.Append("term: { effective: ").Append(effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
              .Append(", expires: ").Append(expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(" }\n");
        }
        sb.Append("retention: Destroy within 90 days of the match.\n");
        if (rank >= 4 || executed) sb.Append("service_request: RITM").Append(1000000 + i).Append('\n');
        if (executed)
        {
            var signed = effective.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            sb.Append("signatures:\n  - { agency: ").Append(recipient).Append(", name: Pat Signer, title: Commissioner, date: ").Append(signed).Append(" }\n")
              .Append("  - { agency: ").Append(owner).Append(", name: Pat Signer, title: Commissioner, date: ").Append(signed).Append(" }\n")
              .Append("executed_copy: { sha256: ").Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))).Append(" }\n");
        }
        if (status == "terminated") sb.Append("ended: 2026-06-30\n");
        sb.Append("tags: [generated, eligibility]\n---\n");
        foreach (var section in Model.RegistrySettings.DefaultSections)
        {
            sb.Append("## ").Append(section).Append("\n\nGenerated text for ").Append(section.ToLowerInvariant())
              .Append(", with *emphasis* and a [link](https://www.mass.gov/).\n\n");
        }
        return sb.ToString();
    }
}
