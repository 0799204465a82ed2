using System.Diagnostics;
using System.Net.Sockets;
using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Validation;
using C = DulaRegistry.Diagnostics.DiagnosticCodes;

namespace DulaRegistry.Tests;

/// <summary>Only regular files inside the root are read: pipes, sockets, devices, folders and links where a file or folder
/// belongs are diagnostics on that path, and never an open that blocks.</summary>
public class FileSystemTests
{
    private const string Second = "agreements/DULA-2026-0008.md";

    /// <summary>Loads and validates on another thread, failing (not hanging the run) if that takes over 20 seconds.</summary>
    private static (LoadedRegistry Registry, IReadOnlyList<Diagnostic> Diagnostics) LoadPromptly(string root)
    {
        var bag = new DiagnosticBag();
        var load = Task.Run(() => RegistryValidator.LoadAndValidate(root, TempRegistry.Today, bag));
        load.Wait(TimeSpan.FromSeconds(20)).ShouldBeTrue("loading the registry blocked");
        return (load.Result, bag.Sorted());
    }

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        process.ExitCode.ShouldBe(0);
    }

    private static string OutsideFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "dula-outside-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public void Named_pipe_in_agreements_is_reported_and_does_not_block()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var registry = Fixtures.Registry();
        MakeFifo(Path.Combine(registry.Root, Second));
        var (loaded, diagnostics) = LoadPromptly(registry.Root);
        diagnostics.ShouldHaveCodes(C.FileUnreadable);
        diagnostics.ShouldReport(C.FileUnreadable, Second, 1, 1).Message.ShouldContain("named pipe (FIFO), not a file; remove it");
        loaded.AgreementById.ContainsKey(Fixtures.AgreementId).ShouldBeTrue();
        loaded.AgreementFiles.ShouldBe(2);
    }

    [Fact]
    public void Named_pipe_as_registry_yml_is_reported_and_does_not_block()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var registry = Fixtures.Registry();
        MakeFifo(Path.Combine(registry.Root, "registry.yml"));
        var (loaded, diagnostics) = LoadPromptly(registry.Root);
        diagnostics.ShouldHaveCodes(C.FileUnreadable);
        diagnostics.ShouldReport(C.FileUnreadable, "registry.yml", 1, 1).Message.ShouldContain("named pipe (FIFO)");
        loaded.Agreements.Count.ShouldBe(1);
    }

    [Fact]
    public void Unix_socket_in_agreements_is_reported()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var registry = Fixtures.Registry();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(registry.Root, Second)));
        socket.Listen();
        var (_, diagnostics) = LoadPromptly(registry.Root);
        diagnostics.ShouldHaveCodes(C.FileUnreadable);
        diagnostics.ShouldReport(C.FileUnreadable, Second, 1, 1).Message.ShouldContain("is a socket, not a file; remove it");
    }

    [Fact]
    public void Link_to_dev_null_is_reported_as_a_link()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var registry = Fixtures.Registry();
        File.CreateSymbolicLink(Path.Combine(registry.Root, Second), "/dev/null");
        var (_, diagnostics) = LoadPromptly(registry.Root);
        diagnostics.ShouldHaveCodes(C.FileUnreadable);
        diagnostics.ShouldReport(C.FileUnreadable, Second, 1, 1).Message.ShouldContain("symbolic link (to `/dev/null`)");
    }

    [Fact]
    public void Device_reached_through_a_link_named_registry_yml_is_not_read()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var registry = Fixtures.Registry();
        // /dev/zero is endless: reading it would never end or would fill memory.
        File.CreateSymbolicLink(Path.Combine(registry.Root, "registry.yml"), "/dev/zero");
        var (_, diagnostics) = LoadPromptly(registry.Root);
        diagnostics.ShouldHaveCodes(C.FileUnreadable);
        diagnostics.ShouldReport(C.FileUnreadable, "registry.yml", 1, 1);
    }

    [Fact]
    public void Link_to_a_valid_agreement_outside_the_root_is_not_read()
    {
        using var registry = Fixtures.Registry();
        var outside = OutsideFolder();
        try
        {
            var target = Path.Combine(outside, "DULA-2026-0008.md");
            File.WriteAllText(target, Fixtures.Agreement.Edit("id: DULA-2026-0007", "id: DULA-2026-0008"));
            File.CreateSymbolicLink(Path.Combine(registry.Root, Second), target);
            var (loaded, diagnostics) = LoadPromptly(registry.Root);
            diagnostics.ShouldHaveCodes(C.FileUnreadable);
            diagnostics.ShouldReport(C.FileUnreadable, Second, 1, 1).Message.ShouldContain("symbolic link");
            loaded.AgreementById.ContainsKey("DULA-2026-0008").ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void Agreements_as_a_regular_file_is_an_error_and_validate_exits_1()
    {
        using var registry = Fixtures.Registry();
        Directory.Delete(Path.Combine(registry.Root, "agreements"), recursive: true);
        File.WriteAllText(Path.Combine(registry.Root, "agreements"), "not a folder\n");
        var (_, diagnostics) = LoadPromptly(registry.Root);
        diagnostics.ShouldHaveCodes(C.FileUnreadable);
        diagnostics.ShouldReport(C.FileUnreadable, "agreements", 1, 1).Message.ShouldContain("is a file, not a folder");
        Validate(registry.Root).ShouldBe(ExitCode.ValidationFailed);
    }

    [Fact]
    public void Agencies_and_agreements_both_files_is_still_exit_1_not_a_usage_error()
    {
        var root = OutsideFolder();
        try
        {
            File.WriteAllText(Path.Combine(root, "agreements"), "");
            File.WriteAllText(Path.Combine(root, "agencies"), "");
            Validate(root).ShouldBe(ExitCode.ValidationFailed);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Agreements_as_a_link_to_an_outside_folder_is_an_error_and_nothing_in_it_is_read()
    {
        using var registry = Fixtures.Registry();
        var outside = OutsideFolder();
        try
        {
            File.WriteAllText(Path.Combine(outside, "DULA-2026-0007.md"), Fixtures.Agreement);
            Directory.Delete(Path.Combine(registry.Root, "agreements"), recursive: true);
            Directory.CreateSymbolicLink(Path.Combine(registry.Root, "agreements"), outside);
            var (loaded, diagnostics) = LoadPromptly(registry.Root);
            diagnostics.ShouldHaveCodes(C.FileUnreadable);
            diagnostics.ShouldReport(C.FileUnreadable, "agreements", 1, 1).Message.ShouldContain("symbolic link, not a folder");
            loaded.Agreements.ShouldBeEmpty();
            Validate(registry.Root).ShouldBe(ExitCode.ValidationFailed);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void Registry_yml_as_a_folder_is_reported()
    {
        using var registry = Fixtures.Registry();
        Directory.CreateDirectory(Path.Combine(registry.Root, "registry.yml"));
        var (_, diagnostics) = LoadPromptly(registry.Root);
        diagnostics.ShouldHaveCodes(C.FileUnreadable);
        diagnostics.ShouldReport(C.FileUnreadable, "registry.yml", 1, 1).Message.ShouldContain("folder, not a file");
    }

    [Fact]
    public void Link_to_a_folder_named_like_an_agreement_is_a_link_not_a_folder()
    {
        using var registry = Fixtures.Registry();
        var outside = OutsideFolder();
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(registry.Root, Second), outside);
            var (_, diagnostics) = LoadPromptly(registry.Root);
            diagnostics.ShouldHaveCodes(C.FileUnreadable);
            diagnostics.ShouldReport(C.FileUnreadable, Second, 1, 1).Message.ShouldContain("symbolic link");
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void Hidden_markdown_file_is_reported_not_skipped()
    {
        using var registry = Fixtures.Registry().Write("agreements/.DULA-2026-0008.md", Fixtures.Agreement).Write("agreements/.gitkeep", "");
        var (loaded, diagnostics) = LoadPromptly(registry.Root);
        diagnostics.ShouldHaveCodes(C.UnexpectedFile);
        diagnostics.ShouldReport(C.UnexpectedFile, "agreements/.DULA-2026-0008.md", 1, 1).Message.ShouldContain("hidden");
        loaded.AgreementFiles.ShouldBe(2); // .gitkeep is not counted
    }

    private static ExitCode Validate(string root)
    {
        using var output = new StringWriter();
        var run = Task.Run(() => ValidateCommand.Run(new DirectoryInfo(root), OutputFormat.Text, TempRegistry.Today, warningsAsErrors: false, output));
        run.Wait(TimeSpan.FromSeconds(20)).ShouldBeTrue("validate blocked");
        return run.Result;
    }
}
