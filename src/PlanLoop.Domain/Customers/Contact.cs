namespace PlanLoop.Domain.Customers;

/// <summary>A contact's part in the account's buying decision.</summary>
public enum DecisionRole
{
    DecisionMaker,
    Influencer,
    Champion,
    User,
    Gatekeeper,
}

public sealed record ContactDetails(string Name, DecisionRole Role, int Level, string? Title = null, string? Phone = null, string? Email = null)
{
    public const int MaxLevel = 6;

    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name)) problems["name"] = ["姓名不能为空。"];
        if (Level is < 1 or > MaxLevel) problems["level"] = [$"决策层级应在 1 到 {MaxLevel} 之间(1 为最高层)。"];
        if (Email is { Length: > 0 } e && !e.Contains('@', StringComparison.Ordinal)) problems["email"] = [$"'{e}' 不是有效的邮箱。"];
        return problems;
    }
}

/// <summary>A person at an account, with their role and level (1 = top) in the decision chain.</summary>
public sealed class Contact
{
    Contact() { Name = ""; }

    public Contact(Guid accountId, ContactDetails details) : this()
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        Update(details);
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public string Name { get; private set; }
    public string? Title { get; private set; }
    public DecisionRole Role { get; private set; }
    public int Level { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }

    public void Update(ContactDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var problems = details.Problems();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems.SelectMany(p => p.Value)), nameof(details));
        Name = details.Name.Trim();
        Role = details.Role;
        Level = details.Level;
        Title = Blank(details.Title);
        Phone = Blank(details.Phone);
        Email = Blank(details.Email);
    }

    static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public static class DecisionChain
{
    /// <summary>How many levels of the decision chain the account's contacts cover (the seed: A 3–5, B 2–3, C 1–2).</summary>
    public static int Depth(IEnumerable<int> contactLevels) => contactLevels.Distinct().Count();
}
