using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Baton.Cluster.Hosting;
using Orleans.Connections.Security;

namespace Baton.Cluster.Tests.Hosting;

public sealed class ClusterSecurityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("baton-cert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void A_created_certificate_loads_with_its_private_key_and_thumbprint()
    {
        string thumbprint = ClusterSecurity.Create(PathOf("cluster.pfx"));
        using var cert = ClusterSecurity.Load(PathOf("cluster.pfx"));
        Assert.True(cert.HasPrivateKey);
        Assert.Equal(thumbprint, cert.Thumbprint);
        Assert.Equal("CN=baton-cluster", cert.Subject);
    }

    [Fact]
    public void The_file_is_readable_by_its_owner_only()
    {
        ClusterSecurity.Create(PathOf("cluster.pfx"));
        if (OperatingSystem.IsWindows()) return;   // Unix mode bits (Baton's cluster runs on Linux)
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("cluster.pfx")));
    }

    [Fact]
    public void An_existing_file_is_not_overwritten()
    {
        File.WriteAllText(PathOf("cluster.pfx"), "keep me");
        Assert.Throws<IOException>(() => ClusterSecurity.Create(PathOf("cluster.pfx")));
        Assert.Equal("keep me", File.ReadAllText(PathOf("cluster.pfx")));
    }

    [Fact]
    public void Two_certificates_differ()
    {
        Assert.NotEqual(ClusterSecurity.Create(PathOf("a.pfx")), ClusterSecurity.Create(PathOf("b.pfx")));
    }

    [Fact]
    public void A_file_that_is_no_certificate_is_refused_naming_it()
    {
        File.WriteAllText(PathOf("notes.txt"), "not a certificate");
        var e = Assert.Throws<FormatException>(() => ClusterSecurity.Load(PathOf("notes.txt")));
        Assert.StartsWith("--cert: " + PathOf("notes.txt") + " is not a PKCS#12 certificate", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused()
    {
        ClusterSecurity.Create(PathOf("cluster.pfx"));
        using (var full = ClusterSecurity.Load(PathOf("cluster.pfx")))
        using (var bare = X509CertificateLoader.LoadCertificate(full.Export(X509ContentType.Cert)))
            File.WriteAllBytes(PathOf("bare.pfx"), bare.Export(X509ContentType.Pkcs12));
        var e = Assert.Throws<FormatException>(() => ClusterSecurity.Load(PathOf("bare.pfx")));
        Assert.Contains("has no private key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connections_are_mutual_and_accept_only_the_shared_certificate()
    {
        ClusterSecurity.Create(PathOf("ours.pfx"));
        ClusterSecurity.Create(PathOf("theirs.pfx"));
        using var ours = ClusterSecurity.Load(PathOf("ours.pfx"));
        using var copy = ClusterSecurity.Load(PathOf("ours.pfx"));
        using var theirs = ClusterSecurity.Load(PathOf("theirs.pfx"));
        var options = new TlsOptions();
        ClusterSecurity.Configure(options, ours);
        Assert.Same(ours, options.LocalCertificate);
        Assert.Equal(RemoteCertificateMode.RequireCertificate, options.RemoteCertificateMode);
        Assert.Equal(RemoteCertificateMode.RequireCertificate, options.ClientCertificateMode);
        using var chain = new X509Chain();
        Assert.True(options.RemoteCertificateValidation!(copy, chain, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(options.RemoteCertificateValidation(theirs, chain, SslPolicyErrors.None));
        Assert.False(options.RemoteCertificateValidation(null!, chain, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Theory]
    [InlineData("127.0.0.1", false, true)]
    [InlineData("::1", false, true)]
    [InlineData("0.0.0.0", false, false)]
    [InlineData("10.1.2.3", false, false)]
    [InlineData("0.0.0.0", true, true)]
    public void Listening_beyond_loopback_needs_a_certificate(string listen, bool withCert, bool allowed)
    {
        X509Certificate2? cert = null;
        if (withCert)
        {
            ClusterSecurity.Create(PathOf("cluster.pfx"));
            cert = ClusterSecurity.Load(PathOf("cluster.pfx"));
        }
        using (cert)
        {
            var refused = Record.Exception(() => ClusterSecurity.RequireSafe(IPAddress.Parse(listen), cert));
            if (allowed) Assert.Null(refused);
            else Assert.Contains("needs --cert", Assert.IsType<FormatException>(refused).Message, StringComparison.Ordinal);
        }
    }
}
