using System.Text;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;

namespace DulaRegistry.Tests;

/// <summary>
/// The fast front-matter reader never decides anything on its own: whatever it accepts must give the very tree YamlDotNet
/// gives (values, styles, order, positions), with no diagnostic, and everything else must be left to YamlDotNet. These
/// tests hold it to that on every real file and on many thousands of generated and mutated ones.
/// </summary>
public sealed class FastYamlReaderTests
{
    /// <summary>The tree as text: kind, position, value and style of every node, in order.</summary>
    private static string Dump(YNode? node)
    {
        var text = new StringBuilder();
        Write(node);
        return text.ToString();

        void Write(YNode? n)
        {
            switch (n)
            {
                case null:
                    text.Append("null");
                    break;
                case YScalar s:
                    text.Append($"S{s.Position}{(s.Plain ? "p" : "q")}[{s.Value}]");
                    break;
                case YSequence q:
                    text.Append($"Q{q.Position}(");
                    foreach (var item in q.Items)
                    {
                        Write(item);
                        text.Append(';');
                    }
                    text.Append(')');
                    break;
                case YMapping m:
                    text.Append($"M{m.Position}{{");
                    foreach (var entry in m.Entries)
                    {
                        Write(entry.Key);
                        text.Append('=');
                        Write(entry.Value);
                        text.Append(';');
                    }
                    text.Append('}');
                    break;
            }
        }
    }

    /// <summary>True when the fast reader took the text; then its tree must be YamlDotNet's, without a diagnostic.</summary>
    private static bool Agrees(string yaml, out string? mismatch)
    {
        mismatch = null;
        var fast = FastYamlReader.Read(yaml, 1);
        if (fast is null) return false;
        var bag = new DiagnosticBag();
        var slow = YamlTreeReader.ReadWithYamlDotNet(yaml.AsMemory(), "agreements/x.md", 1, bag);
        var (f, s) = (Dump(fast), Dump(slow));
        if (bag.Count > 0) mismatch = $"YamlDotNet reports {bag.Sorted()[0].Message}";
        else if (f != s) mismatch = $"fast {f}\nslow {s}";
        return true;
    }

    /// <summary>The front matter's YAML, or null when the file has none.</summary>
    private static string? YamlOf(string fileText)
    {
        var text = FrontMatterSplitter.Normalize(fileText);
        var split = FrontMatterSplitter.Split(text);
        return split.Problem == FrontMatterProblem.None ? text[split.YamlStart..split.CloseStart] : null;
    }

    [Fact]
    public void Every_file_in_the_repository_is_read_by_the_fast_reader_with_YamlDotNets_tree()
    {
        var root = RepoPaths.Root;
        var files = new[] { "agreements", "agencies", "tests/fixtures", "templates" }
            .Select(f => Path.Combine(root, f)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.md", SearchOption.AllDirectories)).ToList();
        files.Count.ShouldBeGreaterThan(60);
        var accepted = 0;
        foreach (var file in files)
        {
            if (YamlOf(File.ReadAllText(file)) is not { } yaml) continue;
            if (Agrees(yaml, out var mismatch)) accepted++;
            mismatch.ShouldBeNull(file);
        }
        // The registry's own files are what the fast reader is for: all but the odd fixture written to be hostile.
        accepted.ShouldBeGreaterThan(files.Count * 9 / 10);
    }

    [Theory]
    [InlineData("id: A\nempty:\nnext: 'a''b'  # c\nq: \"x y\"\n")]
    [InlineData("m: { a: 1, b: [x, y] }\ns: [ ]\ne: {}\n")]
    [InlineData("list:\n  - a\n  - k: v\n    k2: v2\n  -\n  - - nested\n    - two\nind:\n- a\n- b\nnest:\n  deep:\n    x: 1\nlast:\n")]
    [InlineData("# a comment\n\nid: A   \ntitle: A title, no key   # a comment\n")]
    [InlineData("empty:   \nafter: x\nempty2:   # comment\nlast: y\n")]
    [InlineData("url: https://www.mass.gov/x?y=1#z\ncitation: \"M.G.L. c. 62C, § 21\"\nname: Zoë O'Brien\n")]
    [InlineData("a: [ 'x, y', \"z\" ]\nb: { k: 'v' , k2: \"w\" }\nc: [[a], {b: c}]\n")]
    [InlineData("  indented: root\n  second: key\n")]
    [InlineData("parties:\n  - agency: dta\n    dula_manager: { name: A, email: a@example.org }\n\n    # a comment in between\n    role: owner\n  - agency: dor\n")]
    public void Everyday_yaml_is_read_fast_and_the_same(string yaml)
    {
        Agrees(yaml, out var mismatch).ShouldBeTrue();
        mismatch.ShouldBeNull();
    }

    [Theory]
    [InlineData("a: |\n  block\n")]
    [InlineData("a: >\n  folded\n")]
    [InlineData("a: plain\n  continued\n")]
    [InlineData("a: \"multi\n  line\"\n")]
    [InlineData("a: [x,\n  y]\n")]
    [InlineData("a: &x 1\nb: *x\n")]
    [InlineData("a: !!str 1\n")]
    [InlineData("a: 1\na: 2\n")]
    [InlineData("a: \"esc\\e\"\n")]
    [InlineData("a:\tb\n")]
    [InlineData("\"quoted key\": 1\n")]
    [InlineData("? complex\n: key\n")]
    [InlineData("- a list\n")]
    [InlineData("just text\n")]
    [InlineData("%YAML 1.2\na: 1\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: [x, ]\n")]
    [InlineData("a: { k: }\n")]
    [InlineData("a: x\u0007b\n")]
    [InlineData("a: x\uFDD0b\n")]
    [InlineData("a: x\u0085b\n")]
    [InlineData("a: 😀\n")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Anything_else_is_left_to_YamlDotNet(string yaml) => FastYamlReader.Read(yaml, 1).ShouldBeNull();

    private static readonly string[] Keys = ["id", "title", "a b", "k-1", "x:y", "-k", "k#", "ü", "?k", "k ", "é-ñ", "1", "null", "a'b", "a\"b", "[k]", "k,", "&k"];

    private static readonly string Alphabet = "abc xyz -:#'\",[]{}&*!|>%@?`\\§é\t~0.\u200B";

    private static string Scalar(Random random)
    {
        var chars = new char[random.Next(0, 8)];
        for (var i = 0; i < chars.Length; i++) chars[i] = random.Next(3) == 0 ? Alphabet[random.Next(Alphabet.Length)] : (char)('a' + random.Next(26));
        var text = new string(chars);
        return random.Next(6) switch
        {
            0 => $"'{text}'",
            1 => $"\"{text}\"",
            _ => text,
        };
    }

    private static string Flow(Random random, int depth)
    {
        if (depth > 2 || random.Next(3) == 0) return Scalar(random);
        var n = random.Next(0, 4);
        var items = Enumerable.Range(0, n).Select(_ => random.Next(2) == 0
            ? Flow(random, depth + 1)
            : $"{Keys[random.Next(Keys.Length)]}:{(random.Next(4) == 0 ? "" : " ")}{Flow(random, depth + 1)}").ToList();
        var sep = random.Next(3) == 0 ? "," : ", ";
        return random.Next(2) == 0 ? $"[{string.Join(sep, items)}]" : $"{{ {string.Join(sep, items.Select(i => i.Contains(':') ? i : i + ": x"))} }}";
    }

    private static void Block(StringBuilder text, Random random, int indent, int depth)
    {
        var pad = new string(' ', indent);
        var count = random.Next(1, 5);
        for (var k = 0; k < count; k++)
        {
            var key = random.Next(4) == 0 ? Keys[random.Next(Keys.Length)] : $"key{k}";
            text.Append(pad).Append(key).Append(':');
            switch (random.Next(depth > 2 ? 3 : 6))
            {
                case 0:
                    text.Append(' ').Append(Scalar(random));
                    break;
                case 1:
                    text.Append(' ').Append(Flow(random, 0));
                    break;
                case 2:
                    break;
                case 3:
                    text.Append('\n');
                    Block(text, random, indent + 2, depth + 1);
                    continue;
                default:
                    text.Append('\n');
                    var dash = indent + (random.Next(3) == 0 ? 0 : 2);
                    for (var i = random.Next(1, 4); i > 0; i--)
                    {
                        text.Append(' ', dash).Append('-');
                        if (random.Next(3) == 0)
                        {
                            text.Append(' ');
                            var inner = new StringBuilder();
                            Block(inner, random, dash + 2, depth + 1);
                            text.Append(inner.ToString().TrimStart(' '));
                            continue;
                        }
                        if (random.Next(5) > 0) text.Append(' ').Append(random.Next(2) == 0 ? Scalar(random) : Flow(random, 0));
                        text.Append('\n');
                    }
                    continue;
            }
            if (random.Next(5) == 0) text.Append(random.Next(2) == 0 ? "  # note" : "   ");
            text.Append('\n');
            if (random.Next(8) == 0) text.Append(random.Next(2) == 0 ? "\n" : pad + "# comment\n");
        }
    }

    private static string Mutate(string yaml, Random random)
    {
        var text = new StringBuilder(yaml);
        for (var m = random.Next(1, 3); m > 0 && text.Length > 0; m--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0:
                    text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 1:
                    text.Remove(at, 1);
                    break;
                default:
                    text.Insert(at, random.Next(2) == 0 ? "\n" : "  ");
                    break;
            }
        }
        return text.ToString();
    }

    [Fact]
    public void Generated_and_mutated_yaml_is_either_read_the_same_or_left_to_YamlDotNet()
    {
        var random = new Random(20261123);
        var (tried, accepted, mutatedAccepted) = (0, 0, 0);
        var failures = new List<string>();
        for (var round = 0; round < 6000; round++)
        {
            var text = new StringBuilder();
            Block(text, random, random.Next(8) == 0 ? 2 : 0, 0);
            var yaml = text.ToString();
            foreach (var (candidate, mutated) in new[] { (yaml, false), (Mutate(yaml, random), true) })
            {
                tried++;
                if (!Agrees(candidate, out var mismatch)) continue;
                accepted++;
                if (mutated) mutatedAccepted++;
                if (mismatch is not null && failures.Count < 5) failures.Add($"{candidate}\n{mismatch}");
            }
        }
        failures.ShouldBeEmpty();
        // Not vacuous: a good share of the texts took the fast path, mutated ones included.
        accepted.ShouldBeGreaterThan(tried / 8);
        mutatedAccepted.ShouldBeGreaterThan(tried / 20);
    }

    [Fact]
    public void The_loader_gives_the_same_diagnostics_and_records_whichever_reader_takes_a_file()
    {
        // A file the fast reader takes, with rule-level mistakes: they are found exactly as before.
        var text = Fixtures.Agreement.Replace("status: executed", "status: signed", StringComparison.Ordinal);
        var yaml = YamlOf(text).ShouldNotBeNull();
        FastYamlReader.Read(yaml, 1).ShouldNotBeNull();
        var bag = new DiagnosticBag();
        RegistryLoader.Parse<DulaRegistry.Model.Agreement>(text, "agreements/DULA-2026-0001.md", "", bag).ShouldNotBeNull();
        var line = text.Split('\n').ToList().FindIndex(l => l.StartsWith("status:", StringComparison.Ordinal)) + 1;
        bag.Sorted().ShouldContain(d => d.Code == DiagnosticCodes.InvalidValue && d.Line == line && d.Column == 1);
    }

    [Fact]
    public void Keys_and_short_values_of_different_files_are_one_string_each()
    {
        static YMapping Read(string yaml) => (YMapping)FastYamlReader.Read(yaml, 1)!;
        var one = Read("role: owner\ntitle: " + new string('t', SharedStrings.MaxLength + 1) + "\n");
        var two = Read("role: owner\ntitle: " + new string('t', SharedStrings.MaxLength + 1) + "\n");
        ReferenceEquals(one.Entries[0].Key.Value, two.Entries[0].Key.Value).ShouldBeTrue();
        ReferenceEquals(((YScalar)one.Entries[0].Value).Value, ((YScalar)two.Entries[0].Value).Value).ShouldBeTrue();
        // A long value is not looked up (rarely repeated): each file has its own, equal, string.
        var (long1, long2) = (((YScalar)one.Entries[1].Value).Value, ((YScalar)two.Entries[1].Value).Value);
        long1.ShouldBe(long2);
        ReferenceEquals(long1, long2).ShouldBeFalse();
    }
}
