using System.CommandLine;
using System.Reflection;
using DulaRegistry.Cli.Commands;

namespace DulaRegistry.Tests;

/// <summary>The command line helps: a misspelled command or option names the nearest known one in one line (exit 2),
/// every command's help ends with its examples, and <c>--version</c> prints the tool's version.</summary>
public class CommandLineTests
{
    [Theory]
    [InlineData("unknown command `validat`; did you mean `validate`?", "validat")]
    [InlineData("unknown command `valdiate`; did you mean `validate`?", "valdiate")]
    [InlineData("unknown command `codeowner`; did you mean `codeowners`?", "codeowner")]
    [InlineData("unknown option `--formt`; did you mean `--format`?", "validate", "--formt", "text")]
    [InlineData("unknown option `--formt`; did you mean `--format`?", "report", "--formt=json")]
    [InlineData("unknown option `--bse-url`; did you mean `--base-url`?", "build", "--bse-url", "/x/")]
    [InlineData("unknown option `--verison`; did you mean `--version`?", "--verison")]
    [InlineData("unknown command `frobnicate`; run `registry --help` to see the commands", "frobnicate")]
    [InlineData("unknown option `--bogus` for `registry validate`; run `registry validate --help` to see its options", "validate", "--bogus")]
    public async Task A_misspelled_command_or_option_gets_one_line_naming_the_nearest_and_exit_2(string expected, params string[] args)
    {
        using var registry = Fixtures.Registry();
        var (exit, stdout, stderr) = await CliProcessTests.RunTool(null, [.. args, "--root", registry.Root]);
        exit.ShouldBe(2, stderr);
        stdout.ShouldBeEmpty();
        CliTests.Lines(stderr).ShouldHaveSingleItem().ShouldBe("registry: " + expected);
    }

    [Fact]
    public async Task After_a_double_dash_an_argument_that_looks_like_an_option_is_a_file_name()
    {
        using var registry = Fixtures.Registry();
        var (exit, _, stderr) = await CliProcessTests.RunTool(null, "validate", "--root", registry.Root, "--today", "2026-11-22", "--", "--formt");
        stderr.ShouldNotContain("unknown option");
        stderr.ShouldContain("--formt"); // the file selection says the file does not exist
        exit.ShouldBe(2, stderr);
    }

    [Theory]
    [InlineData("validat", "validate")]
    [InlineData("vaildate", "validate")] // two letters swapped: one edit
    [InlineData("rep", "report")] // the start of only one command
    [InlineData("serv", "serve")]
    public void Closest_finds_the_nearest_name(string typed, string expected) =>
        UnknownNames.Closest(typed, Program.CreateCommandLine().Subcommands.Select(c => c.Name)).ShouldBe(expected);

    [Theory]
    [InlineData("xyz")] // nothing near
    [InlineData("re")] // too short to be the start of a name, and the start of three
    [InlineData("zz")] // short: within one edit of nothing
    public void Closest_suggests_nothing_when_nothing_is_near_or_two_are_as_near(string typed) =>
        UnknownNames.Closest(typed, Program.CreateCommandLine().Subcommands.Select(c => c.Name)).ShouldBeNull();

    [Fact]
    public void Equally_near_names_give_no_suggestion() =>
        UnknownNames.Closest("--out", ["--ouq", "--oub"]).ShouldBeNull();

    public static TheoryData<string> Commands() => [.. Program.CreateCommandLine().Subcommands.Select(c => c.Name).Prepend("")];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_commands_help_ends_with_two_or_three_examples_after_its_options(string name)
    {
        var root = Program.CreateCommandLine();
        var command = name.Length == 0 ? root : root.Subcommands.Single(c => c.Name == name);
        var examples = CommandExamples.For(command);
        examples.Count.ShouldBeInRange(2, 3, $"`registry {name}` needs two or three examples: add a static Examples property and `return command.WithExamples(Examples);`");
        examples.ShouldAllBe(e => e.CommandLine.StartsWith("registry " + name, StringComparison.Ordinal));

        using var output = new StringWriter();
        string[] args = name.Length == 0 ? ["--help"] : [name, "--help"];
        root.Parse(args).Invoke(new InvocationConfiguration { Output = output }).ShouldBe(0);
        var help = output.ToString();
        help.IndexOf("Examples:", StringComparison.Ordinal).ShouldBeGreaterThan(help.IndexOf("Options:", StringComparison.Ordinal));
        var tail = CliTests.Lines(help).SkipWhile(l => l != "Examples:").Skip(1).Select(l => l.Trim()).ToList();
        // Each example's command line starts a line; its explanation is beside it or on the next line; nothing follows.
        var lines = string.Join('\n', tail);
        foreach (var example in examples)
        {
            lines.ShouldContain(example.CommandLine);
            if (example.Explanation is not null) lines.ShouldContain(example.Explanation);
        }
        tail.Count.ShouldBeLessThanOrEqualTo(examples.Count * 2);
        tail[^1].ShouldEndWith(examples[^1].Explanation ?? examples[^1].CommandLine, customMessage: help);
    }

    [Fact]
    public void Examples_are_not_repeated_in_a_commands_description()
    {
        foreach (var command in Program.CreateCommandLine().Subcommands) (command.Description ?? "").ShouldNotContain("Examples:", customMessage: command.Name);
    }

    [Fact]
    public async Task Version_prints_the_informational_version()
    {
        var (exit, stdout, stderr) = await CliProcessTests.RunTool(null, "--version");
        exit.ShouldBe(0, stderr);
        var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        version.ShouldStartWith("0.");
        CliTests.Lines(stdout).ShouldHaveSingleItem().ShouldBe(version);
    }

    [Fact]
    public async Task Help_for_a_command_prints_its_examples_through_the_real_program()
    {
        var (exit, stdout, stderr) = await CliProcessTests.RunTool(null, "codeowners", "--help");
        exit.ShouldBe(0, stderr);
        stdout.TrimEnd().ShouldEndWith("registry codeowners --check    in CI: fail when the committed file is out of date");
    }
}
