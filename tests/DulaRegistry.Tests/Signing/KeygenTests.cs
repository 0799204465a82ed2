using DulaRegistry.Cli;
using DulaRegistry.Cli.Commands;
using DulaRegistry.Signing;

namespace DulaRegistry.Tests.Signing;

/// <summary>`registry keygen`: two PEM files OpenSSL reads, the private one 0600 from the start, never overwritten.</summary>
public sealed class KeygenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dula-keygen-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (ExitCode Exit, string Output, string Error) Run(string folder)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = KeygenCommand.Run(new DirectoryInfo(folder), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Writes_both_files_and_prints_paths_and_fingerprint_but_never_the_key()
    {
        var folder = Path.Combine(_dir, "new", "keys");
        var (exit, output, error) = Run(folder);
        exit.ShouldBe(ExitCode.Ok, error);
        var privatePath = Path.Combine(folder, "registry.key.pem");
        var publicPath = Path.Combine(folder, "registry.pub.pem");
        var key = SigningKey.FromPem(File.ReadAllText(privatePath));
        VerifyingKey.FromPem(File.ReadAllText(publicPath)).Raw.ShouldBe(key.Public.Raw);
        output.ShouldContain(privatePath);
        output.ShouldContain(publicPath);
        output.ShouldContain(key.Public.Fingerprint);
        output.ShouldNotContain("-----BEGIN");
        output.ShouldNotContain(File.ReadAllText(privatePath).Split('\n')[1]);
        Directory.GetFiles(folder).Length.ShouldBe(2, "no temporary file is left behind");
    }

    [Fact]
    public void The_private_key_is_readable_by_its_owner_alone()
    {
        if (OperatingSystem.IsWindows()) return;
        Run(_dir).Exit.ShouldBe(ExitCode.Ok);
        File.GetUnixFileMode(Path.Combine(_dir, "registry.key.pem")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.Combine(_dir, "registry.pub.pem")).HasFlag(UnixFileMode.OtherRead).ShouldBeTrue("the public key is public");
    }

    [Theory]
    [InlineData("registry.key.pem")]
    [InlineData("registry.pub.pem")]
    public void Refuses_to_overwrite_either_file(string existing)
    {
        var path = Path.Combine(_dir, existing);
        File.WriteAllText(path, "the user's own file\n");
        var (exit, output, error) = Run(_dir);
        exit.ShouldBe(ExitCode.Usage);
        error.ShouldContain(path);
        error.ShouldContain("already exists");
        output.ShouldBeEmpty();
        File.ReadAllText(path).ShouldBe("the user's own file\n");
        Directory.GetFiles(_dir).Length.ShouldBe(1, "nothing else was written");
    }

    [Fact]
    public void A_second_run_is_refused_and_the_first_key_survives()
    {
        Run(_dir).Exit.ShouldBe(ExitCode.Ok);
        var first = File.ReadAllText(Path.Combine(_dir, "registry.key.pem"));
        Run(_dir).Exit.ShouldBe(ExitCode.Usage);
        File.ReadAllText(Path.Combine(_dir, "registry.key.pem")).ShouldBe(first);
    }

    [Fact]
    public void Openssl_reads_both_files_and_verifies_a_signature_made_with_them()
    {
        Run(_dir).Exit.ShouldBe(ExitCode.Ok);
        var privatePath = Path.Combine(_dir, "registry.key.pem");
        var publicPath = Path.Combine(_dir, "registry.pub.pem");
        var (exit, text) = OpenSsl.Run("pkey", "-in", privatePath, "-noout", "-text");
        exit.ShouldBe(0, text);
        text.ShouldContain("ED25519 Private-Key");
        (exit, text) = OpenSsl.Run("pkey", "-pubin", "-in", publicPath, "-noout", "-text");
        exit.ShouldBe(0, text);
        text.ShouldContain("ED25519 Public-Key");

        var message = Path.Combine(_dir, "msg");
        var signature = Path.Combine(_dir, "sig");
        File.WriteAllText(message, "{\"registry\":\"x\"}\n");
        OpenSsl.Run("pkeyutl", "-sign", "-inkey", privatePath, "-rawin", "-in", message, "-out", signature).Exit.ShouldBe(0);
        OpenSsl.Verifies(publicPath, message, signature).ShouldBeTrue();
    }

    [Fact]
    public void An_unwritable_folder_is_a_plain_error()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root") return;
        var locked = Path.Combine(_dir, "locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var (exit, _, error) = Run(locked);
            exit.ShouldBe(ExitCode.Usage);
            error.ShouldStartWith("registry: could not write the key files");
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
