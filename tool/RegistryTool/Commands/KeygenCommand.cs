using System.CommandLine;
using System.Text;
using DulaRegistry.Signing;

namespace DulaRegistry.Cli.Commands;

/// <summary>`registry keygen`: a new Ed25519 key pair for signing published registries.</summary>
internal static class KeygenCommand
{
    public const string PrivateFile = "registry.key.pem";
    public const string PublicFile = "registry.pub.pem";

    public static IReadOnlyList<Example> Examples { get; } =
    [
        new("registry keygen --out ~/dula-keys", "make a key pair in ~/dula-keys"),
        new("registry keygen --out keys", "then: gh secret set REGISTRY_SIGNING_KEY < keys/registry.key.pem, and delete the local copy"),
    ];

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = $"Folder to write {PrivateFile} (the private key, readable by you alone) and {PublicFile} to; created if missing",
            HelpName = "DIR",
            Required = true,
        };
        var command = new Command("keygen", $"""
            Make a new Ed25519 key pair for `registry publish`: {PrivateFile} (PKCS#8 PEM, private, created with
            mode 0600) and {PublicFile} (SPKI PEM, public). Prints the two paths and the public key's fingerprint,
            never the private key. Existing files are never overwritten. Store the private key as a secret (for
            GitHub, a repository secret) and delete the local copy; publish the public key.
            """)
        {
            output,
        };
        command.SetAction(parse => (int)Run(parse.GetValue(output)!, Console.Out, Console.Error));
        return command.WithExamples(Examples);
    }

    public static ExitCode Run(DirectoryInfo folder, TextWriter output, TextWriter error)
    {
        var privatePath = Path.Combine(folder.FullName, PrivateFile);
        var publicPath = Path.Combine(folder.FullName, PublicFile);
        foreach (var path in new[] { privatePath, publicPath })
        {
            if (Path.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                // A new key would silently replace the one every earlier signature was made with.
                error.WriteLine($"registry: '{path}' already exists, and keygen never overwrites a key; choose another --out folder, or move the old key files away first");
                return ExitCode.Usage;
            }
        }

        var key = SigningKey.Generate();
        try
        {
            Directory.CreateDirectory(folder.FullName);
            WriteNew(privatePath, key.PrivatePem, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                WriteNew(publicPath, key.Public.Pem, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
            catch
            {
                // The private key just written is ours and useless without its public half.
                File.Delete(privatePath);
                throw;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"registry: could not write the key files to '{folder.FullName}': {ex.Message}");
            return ExitCode.Usage;
        }

        output.WriteLine($"private key: {privatePath} (keep it secret: only you can read it)");
        output.WriteLine($"public key:  {publicPath} (publish it)");
        output.WriteLine($"fingerprint: {key.Public.Fingerprint}");
        return ExitCode.Ok;
    }

    /// <summary>
    /// Writes a file that must not exist yet: a temporary sibling created with <paramref name="mode"/> from the start (a
    /// private key is never readable by others, not even for an instant), then renamed into place without overwriting.
    /// </summary>
    private static void WriteNew(string path, string text, UnixFileMode mode)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(new UTF8Encoding(false).GetBytes(text));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: false);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
