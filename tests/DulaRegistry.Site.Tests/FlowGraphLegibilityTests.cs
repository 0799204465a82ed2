using System.Globalization;
using System.Text;
using System.Xml.Linq;
using DulaRegistry.Site.Build;
using DulaRegistry.Site.Graph;

namespace DulaRegistry.Site.Tests;

/// <summary>
/// The data-flow graph of a registry of 80 agencies in 10 secretariats, built from files in a temporary folder: labels of
/// at least 12 px that never overlap, one marker per secretariat with distinct fills, arrowheads, and focusable nodes.
/// </summary>
public sealed class FlowGraphLegibilityTests : IDisposable
{
    private const int Secretariats = 10;
    private const int AgenciesPerSecretariat = 7; // plus the secretariat itself: 80 agencies
    private static readonly XNamespace s_svg = "http://www.w3.org/2000/svg";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dula-graph-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Eighty_agencies_get_legible_labels_that_never_overlap_and_a_marker_per_secretariat()
    {
        var agencies = WriteRegistry();
        agencies.Count.ShouldBe(80);
        var result = await SiteBuilder.BuildAsync(new SiteBuildOptions(Path.Combine(_root, "registry"), Path.Combine(_root, "site"), "/", new DateOnly(2026, 11, 22)));
        result.Succeeded.ShouldBeTrue(string.Join('\n', result.Diagnostics));

        var html = await File.ReadAllTextAsync(Path.Combine(_root, "site", "graph", "index.html"));
        var start = html.IndexOf("<svg class=\"flow-graph\"", StringComparison.Ordinal);
        var end = html.IndexOf("</svg>", start, StringComparison.Ordinal) + "</svg>".Length;
        var svg = XElement.Parse(html[start..end]);

        var viewBox = svg.Attribute("viewBox")!.Value.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // Drawn at its natural size: one unit is one CSS pixel, so a 12-unit label is a 12 px label.
        double.Parse(svg.Attribute("width")!.Value, CultureInfo.InvariantCulture).ShouldBe(viewBox[2]);

        var nodes = svg.Descendants(s_svg + "a").Where(a => a.Attribute("class")?.Value == "flow-graph__node").ToList();
        nodes.Count.ShouldBe(80);
        var boxes = new List<(string Text, Box Box)>();
        foreach (var node in nodes)
        {
            node.Attribute("tabindex")!.Value.ShouldBe("0");
            node.Attribute("aria-label")!.Value.ShouldNotBeNullOrWhiteSpace();
            var text = node.Element(s_svg + "text").ShouldNotBeNull();
            var size = double.Parse(text.Attribute("font-size")!.Value, CultureInfo.InvariantCulture);
            size.ShouldBeGreaterThanOrEqualTo(12);
            var x = double.Parse(text.Attribute("x")!.Value, CultureInfo.InvariantCulture);
            var y = double.Parse(text.Attribute("y")!.Value, CultureInfo.InvariantCulture);
            // The estimate the issue asks for: text length × 0.6 em wide, one em tall above the baseline.
            var width = text.Value.Length * 0.6 * size;
            var left = text.Attribute("text-anchor")!.Value switch { "start" => x, "end" => x - width, _ => x - width / 2 };
            var box = new Box(left, y - size, left + width, y + size * 0.2);
            box.Left.ShouldBeGreaterThanOrEqualTo(viewBox[0], text.Value);
            box.Right.ShouldBeLessThanOrEqualTo(viewBox[0] + viewBox[2], text.Value);
            boxes.Add((text.Value, box));
        }
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                boxes[i].Box.Overlaps(boxes[j].Box).ShouldBeFalse($"the labels {boxes[i].Text} and {boxes[j].Text} overlap");
            }
        }

        var fills = nodes.GroupBy(n => n.Attribute("data-group")!.Value)
            .ToDictionary(g => g.Key, g => g.Select(n => n.Elements().First(e => e.Name.LocalName is "circle" or "rect" or "path").Attribute("fill")!.Value).Distinct().ToList());
        fills.Count.ShouldBe(Secretariats);
        fills.Values.ShouldAllBe(f => f.Count == 1);
        fills.Values.Select(f => f[0].ToUpperInvariant()).Distinct().Count().ShouldBe(Secretariats);

        var edges = svg.Descendants(s_svg + "path").Where(p => p.Attribute("class")?.Value == "flow-graph__edge").ToList();
        edges.ShouldNotBeEmpty();
        edges.ShouldAllBe(e => e.Attribute("marker-end")!.Value == "url(#graph-arrow)");
        var marker = svg.Descendants(s_svg + "marker").First(m => m.Attribute("id")!.Value == "graph-arrow");
        double.Parse(marker.Attribute("markerWidth")!.Value, CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(8);
        agencies.ShouldContain(edges[0].Attribute("data-from")!.Value);
    }

    [Fact]
    public void Palette_gives_the_first_fifteen_groups_distinct_colours_and_sixty_distinct_markers()
    {
        Enumerable.Range(0, 15).Select(i => GraphPalette.For(i).Color).Distinct().Count().ShouldBe(15);
        Enumerable.Range(0, 60).Select(GraphPalette.For).Distinct().Count().ShouldBe(60);
    }

    /// <summary>Writes 10 secretariats of 7 agencies each (acronyms of 2 to 9 letters) and 120 executed agreements; returns the agency ids.</summary>
    private List<string> WriteRegistry()
    {
        var root = Path.Combine(_root, "registry");
        Directory.CreateDirectory(Path.Combine(root, "agencies"));
        Directory.CreateDirectory(Path.Combine(root, "agreements"));
        File.WriteAllText(Path.Combine(root, "registry.yml"), "name: Eighty agencies\nrepository_url: https://github.com/example-org/eighty\nid_prefix: DULA\n");
        var agencies = new List<string>();
        for (var s = 0; s < Secretariats; s++)
        {
            var secretariat = $"eo{s}";
            WriteAgency(root, secretariat, $"Executive Office {s}", "EO" + new string((char)('A' + s), 3), "secretariat", null);
            agencies.Add(secretariat);
            for (var a = 0; a < AgenciesPerSecretariat; a++)
            {
                var id = $"d{s}x{a}";
                var acronym = (new string((char)('A' + a), 2 + (s + a) % 8) + s.ToString(CultureInfo.InvariantCulture))[..Math.Min(9, 3 + (s + a) % 8)];
                WriteAgency(root, id, $"Department {s}.{a}", acronym, "agency", secretariat);
                agencies.Add(id);
            }
        }
        var random = new Random(80);
        for (var i = 0; i < 120; i++)
        {
            var owner = agencies[random.Next(agencies.Count)];
            string recipient;
            do recipient = agencies[random.Next(agencies.Count)]; while (recipient == owner);
            File.WriteAllText(Path.Combine(root, "agreements", $"DULA-2026-{i + 1:0000}.md"), Agreement($"DULA-2026-{i + 1:0000}", owner, recipient));
        }
        return agencies;
    }

    private static void WriteAgency(string root, string id, string name, string acronym, string kind, string? secretariat)
    {
        var text = new StringBuilder()
            .Append("---\nid: ").Append(id).Append("\nname: ").Append(name).Append("\nacronym: ").Append(acronym).Append("\nkind: ").Append(kind).Append('\n');
        if (secretariat is not null) text.Append("secretariat: ").Append(secretariat).Append('\n');
        text.Append("mou:\n  signed: 2024-05-01\ncoordinators:\n  - { name: Sam Example, title: Data Sharing Coordinator, email: sam@example.org }\n")
            .Append("legal_reviewers: [\"@example-org/").Append(id).Append("-legal\"]\n")
            .Append("signatories:\n  - { name: Pat Signer, title: Commissioner }\n---\nAn agency.\n");
        File.WriteAllText(Path.Combine(root, "agencies", id + ".md"), text.ToString());
    }

    private static string Agreement(string id, string owner, string recipient)
    {
        var sb = new StringBuilder()
            .Append("---\nid: ").Append(id).Append("\ntitle: Wage match ").Append(id).Append("\nstatus: executed\nframework: mou\nparties:\n");
        foreach (var (agency, role) in new[] { (recipient, "recipient"), (owner, "owner") })
        {
            sb.Append("  - agency: ").Append(agency).Append("\n    role: ").Append(role).Append('\n')
              .Append("    dula_manager: { name: Morgan Manager, title: Program Manager, email: morgan@example.org }\n")
              .Append("    signatory: { name: Pat Signer, title: Commissioner }\n");
        }
        sb.Append("drafters:\n  - { name: Drew Drafter, agency: ").Append(recipient).Append(" }\n")
          .Append("purpose: Verify eligibility by matching applicant records against wage data.\n")
          .Append("data:\n  - name: Wage records\n    from: ").Append(owner).Append("\n    to: [").Append(recipient)
          .Append("]\n    classification: pii\n    elements: [SSN, quarterly wages]\n    regulations: [irs-pub-1075]\n    frequency: quarterly\n    transfer: sftp\n")
          .Append("legal_authority:\n  - { citation: \"M.G.L. c. 62C, § 21\", note: Example. }\n")
          .Append("term: { effective: 2026-01-01, expires: 2028-12-31 }\nretention: Destroy within 90 days.\nservice_request: RITM1000001\n")
          .Append("signatures:\n  - { agency: ").Append(recipient).Append(", name: Pat Signer, title: Commissioner, date: 2025-12-20 }\n")
          .Append("  - { agency: ").Append(owner).Append(", name: Pat Signer, title: Commissioner, date: 2025-12-20 }\n")
          .Append("executed_copy: { sha256: ").Append(new string('a', 64)).Append(" }\n---\n");
        foreach (var section in DulaRegistry.Model.RegistrySettings.DefaultSections) sb.Append("## ").Append(section).Append("\n\nText.\n\n");
        return sb.ToString();
    }
}
