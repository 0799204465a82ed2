using System.Globalization;
using DulaRegistry.Model;

namespace DulaRegistry.Scaffolding;

/// <summary>
/// Fills a template's text: sets the keys a draft needs (id, title, status, parties, ...), replaces the
/// <c>{{placeholders}}</c>, and keeps every guidance comment that still applies. Keys are found by their line at the start
/// of the front matter's lines, so a registry may reword its templates' comments freely.
/// </summary>
public static class AgreementScaffold
{
    /// <summary>The status every scaffolded agreement starts at.</summary>
    public const AgreementStatus StartStatus = AgreementStatus.Drafting;

    /// <exception cref="ScaffoldException">the template has no front matter.</exception>
    public static string Fill(string template, string id, DraftContent content)
    {
        var lines = template.Replace("\r\n", "\n").Split('\n').ToList();
        var close = lines.Count > 0 && lines[0].TrimEnd() == "---" ? lines.FindIndex(1, l => l.TrimEnd() is "---" or "...") : -1;
        if (close < 0)
        {
            throw new ScaffoldException($"{content.TemplateFile} does not start with a `---` front-matter block closed by another `---` line; restore it from the registry's history");
        }
        var front = new FrontMatterLines(lines, close);

        front.SetScalar("id", YamlText.Quote(id));
        front.SetScalar("title", YamlText.Quote(content.Title));
        if (content.Amends is { } amends) front.SetScalar("amends", YamlText.Quote(amends));
        front.SetScalar("status", YamlText.Enum(StartStatus));
        front.SetScalar("framework", YamlText.Enum(content.Framework));
        front.SetBlock("parties", PartyLines(front.Block("parties"), content.Parties));
        if (content.Purpose is { } purpose) front.SetScalar("purpose", YamlText.Quote(purpose));
        front.SetBlock("data", content.Data is { Count: > 0 } data ? CarriedData(data) : ExampleData(front.Block("data"), content.Parties));
        if (content.LegalAuthority is { Count: > 0 } authority && AuthorityLines(authority) is { Count: > 0 } authorityLines)
        {
            front.SetBlock("legal_authority", authorityLines);
        }
        if (content.Supersedes is { } supersedes) front.SetScalar("supersedes", YamlText.Quote(supersedes));

        var owner = content.Parties.FirstOrDefault(p => p.Gives)?.Agency ?? "";
        var recipient = content.Parties.FirstOrDefault(p => p.Receives)?.Agency ?? "";
        return string.Join('\n', lines)
            .Replace("{{id}}", id, StringComparison.Ordinal)
            .Replace("{{amends}}", content.Amends ?? "", StringComparison.Ordinal)
            .Replace("{{supersedes}}", content.Supersedes ?? "", StringComparison.Ordinal)
            .Replace("{{today}}", content.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{owner}}", owner, StringComparison.Ordinal)
            .Replace("{{recipient}}", recipient, StringComparison.Ordinal);
    }

    /// <summary>One item per party; the template's guidance comments go under the first, its commented-out contact examples under every party that lacks them.</summary>
    private static List<string> PartyLines(IReadOnlyList<string> template, IReadOnlyList<DraftParty> parties)
    {
        var firstItem = FirstItem(template);
        var comments = firstItem.Where(l => l.TrimStart().StartsWith('#')).Select(l => l.Trim()).ToList();
        string? Example(string key) => comments.FirstOrDefault(c => c.TrimStart('#', ' ').StartsWith(key + ":", StringComparison.Ordinal));
        var managerExample = Example("dula_manager");
        var signatoryExample = Example("signatory");
        var guidance = comments.Where(c => c != managerExample && c != signatoryExample).ToList();

        var result = new List<string>();
        for (var i = 0; i < parties.Count; i++)
        {
            var party = parties[i];
            var manager = YamlText.Contact(party.DulaManager);
            var signatory = YamlText.Person(party.Signatory);
            result.Add($"  - agency: {YamlText.Quote(party.Agency)}");
            result.Add($"    role: {YamlText.Enum(party.Role)}");
            if (i == 0 && (manager is null || signatory is null)) result.AddRange(guidance.Select(c => "    " + c));
            if (manager is not null) result.Add($"    dula_manager: {manager}");
            else if (managerExample is not null) result.Add("    " + managerExample);
            if (signatory is not null) result.Add($"    signatory: {signatory}");
            else if (signatoryExample is not null) result.Add("    " + signatoryExample);
        }
        return result;
    }

    /// <summary>The template's example data set, once per owner: from it to every other recipient. Comments stay on the first only.</summary>
    private static List<string> ExampleData(IReadOnlyList<string> template, IReadOnlyList<DraftParty> parties)
    {
        var item = FirstItem(template);
        if (item.Count == 0) item = ["  - name: \"Name of the data set\"", "    from: \"{{owner}}\"", "    to: [\"{{recipient}}\"]", "    classification: pii"];
        var result = new List<string>();
        foreach (var giver in parties.Where(p => p.Gives))
        {
            var receivers = parties.Where(p => p.Receives && p.Agency != giver.Agency).Select(p => p.Agency).ToList();
            if (receivers.Count == 0) continue;
            var first = result.Count == 0;
            foreach (var line in item)
            {
                if (!first && line.TrimStart().StartsWith('#')) continue;
                result.Add(line
                    .Replace("\"{{owner}}\"", YamlText.Quote(giver.Agency), StringComparison.Ordinal)
                    .Replace("[\"{{recipient}}\"]", YamlText.List(receivers), StringComparison.Ordinal));
            }
        }
        return result;
    }

    private static List<string> CarriedData(IReadOnlyList<DataItem> data)
    {
        var result = new List<string>();
        foreach (var item in data)
        {
            result.Add($"  - name: {YamlText.Quote(item.Name ?? "")}");
            if (item.From is { } from) result.Add($"    from: {YamlText.Quote(from)}");
            result.Add($"    to: {YamlText.List(item.To)}");
            if (item.Classification is { } classification) result.Add($"    classification: {YamlText.Enum(classification)}");
            if (item.Elements.Count > 0) result.Add($"    elements: {YamlText.List(item.Elements)}");
            if (item.Regulations.Count > 0) result.Add($"    regulations: {YamlText.List(item.Regulations)}");
            if (item.Frequency is { } frequency) result.Add($"    frequency: {YamlText.Enum(frequency)}");
            if (item.Transfer is { } transfer) result.Add($"    transfer: {YamlText.Quote(transfer)}");
        }
        return result;
    }

    private static List<string> AuthorityLines(IReadOnlyList<LegalAuthority> authority) =>
        [.. authority.Select(a => YamlText.Map(("citation", a.Citation), ("note", a.Note))).OfType<string>().Select(m => "  - " + m)];

    /// <summary>The lines of the first list item of a block (after its key line): from the first <c>- </c> line to the next.</summary>
    private static List<string> FirstItem(IReadOnlyList<string> block)
    {
        var start = -1;
        for (var i = 0; i < block.Count; i++)
        {
            if (!block[i].TrimStart().StartsWith("- ", StringComparison.Ordinal)) continue;
            if (start >= 0) return [.. block.Skip(start).Take(i - start)];
            start = i;
        }
        return start < 0 ? [] : [.. block.Skip(start)];
    }

    /// <summary>The front matter's lines, edited in place: a top-level key owns its line and the indented lines after it.</summary>
    private sealed class FrontMatterLines(List<string> lines, int close)
    {
        private int _close = close;

        /// <summary>The indented lines under <paramref name="key"/> (without its own line); empty when it is absent.</summary>
        public List<string> Block(string key)
        {
            var at = Find(key);
            return at < 0 ? [] : lines.GetRange(at + 1, End(at) - at - 1);
        }

        public void SetScalar(string key, string value) => Replace(key, [$"{key}: {value}"]);

        public void SetBlock(string key, IReadOnlyList<string> items) => Replace(key, [$"{key}:", .. items]);

        /// <summary>Replaces the key with <paramref name="replacement"/>; a key only present as a comment (<c># supersedes: ...</c>) is uncommented there; otherwise it is added at the end.</summary>
        private void Replace(string key, List<string> replacement)
        {
            var at = Find(key);
            int end;
            if (at >= 0)
            {
                end = End(at);
            }
            else
            {
                at = lines.FindIndex(1, _close - 1, l => l.StartsWith($"# {key}:", StringComparison.Ordinal));
                end = at + 1;
                if (at < 0) at = end = _close;
            }
            lines.RemoveRange(at, end - at);
            lines.InsertRange(at, replacement);
            _close += replacement.Count - (end - at);
        }

        private int Find(string key) => lines.FindIndex(1, _close - 1, l => l.StartsWith(key + ":", StringComparison.Ordinal));

        private int End(int at)
        {
            var end = at + 1;
            while (end < _close && lines[end].Length > 0 && lines[end][0] is ' ' or '\t') end++;
            return end;
        }
    }
}
