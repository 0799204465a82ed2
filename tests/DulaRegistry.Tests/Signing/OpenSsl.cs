using System.Diagnostics;

namespace DulaRegistry.Tests.Signing;

/// <summary>Runs the openssl command line, the independent implementation our keys and signatures must agree with.</summary>
internal static class OpenSsl
{
    public static (int Exit, string Output) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start openssl");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("openssl did not finish in 30 s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Whether OpenSSL accepts <paramref name="signatureFile"/> as the signature of <paramref name="messageFile"/> by <paramref name="publicPem"/>.</summary>
    public static bool Verifies(string publicPem, string messageFile, string signatureFile)
    {
        var (exit, output) = Run("pkeyutl", "-verify", "-pubin", "-inkey", publicPem, "-rawin", "-in", messageFile, "-sigfile", signatureFile);
        return exit == 0 && output.Contains("Signature Verified Successfully", StringComparison.Ordinal);
    }
}
