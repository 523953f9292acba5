namespace Flagwork.Tls.Secrets;

/// <summary>A secret's identity: namespace and name, as in Kubernetes.</summary>
public sealed record SecretKey(string Namespace, string Name)
{
    public override string ToString() => Namespace + "/" + Name;
}
