using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Baton.Cluster.Hosting;

/// <summary>
/// How silos and clients prove they belong: every one of them holds the same certificate (a PKCS#12 file made by
/// <c>baton cluster cert</c>), and every connection is mutual TLS that accepts only that certificate (pinned by
/// thumbprint). The file is the shared secret: whoever lacks it cannot join, call a grain or read the traffic. Without
/// it the cluster is plain TCP and must stay on loopback (the default); listening elsewhere without it is refused.
/// </summary>
public static class ClusterSecurity
{
    /// <summary>Writes a new self-signed certificate with its private key to <paramref name="path"/> (mode 0600).</summary>
    public static string Create(string path)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=baton-cluster", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        byte[] pfx = cert.Export(X509ContentType.Pkcs12);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, options)) file.Write(pfx);
        return cert.Thumbprint;
    }

    /// <summary>The certificate of <paramref name="path"/>, or a <see cref="FormatException"/> naming the file.</summary>
    public static X509Certificate2 Load(string path)
    {
        try
        {
            var cert = X509CertificateLoader.LoadPkcs12FromFile(path, null);
            if (!cert.HasPrivateKey) throw new FormatException($"--cert: {path} has no private key; make one with baton cluster cert --out FILE");
            return cert;
        }
        catch (CryptographicException e)
        {
            throw new FormatException($"--cert: {path} is not a PKCS#12 certificate made by baton cluster cert ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>The key results are signed with (HMAC-SHA256) in a cluster with a certificate: derived from its private
    /// key, so only its holders can write a result the others accept.</summary>
    public static byte[] ResultKey(X509Certificate2 cert)
    {
        ArgumentNullException.ThrowIfNull(cert);
        using var key = cert.GetECDsaPrivateKey() ?? throw new FormatException("--cert: the certificate has no EC private key; make one with baton cluster cert --out FILE");
        byte[] secret = key.ExportECPrivateKey();
        try { return HMACSHA256.HashData(secret, "baton cluster results"u8); }
        finally { CryptographicOperations.ZeroMemory(secret); }
    }

    /// <summary>Mutual TLS accepting only <paramref name="cert"/>.</summary>
    public static void Configure(TlsOptions options, X509Certificate2 cert)
    {
        options.LocalCertificate = cert;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, _) => remote is not null
            && CryptographicOperations.FixedTimeEquals(remote.GetCertHash(HashAlgorithmName.SHA256), cert.GetCertHash(HashAlgorithmName.SHA256));
    }

    /// <summary>Refuses to listen beyond loopback without a certificate.</summary>
    public static void RequireSafe(IPAddress listen, X509Certificate2? cert)
    {
        if (!IPAddress.IsLoopback(listen) && cert is null)
            throw new FormatException($"--listen {listen}: a worker reachable from other machines needs --cert (a certificate every "
                + "silo and client shares; make one with baton cluster cert --out FILE)");
    }
}
