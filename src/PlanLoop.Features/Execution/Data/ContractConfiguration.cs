using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanLoop.Domain.Customers;
using PlanLoop.Domain.Execution;
using PlanLoop.Domain.Organisation;

namespace PlanLoop.Features.Execution.Data;

/// <summary>
/// A version of a standard contract template (合同模板库): its terms text and payment plan, for a
/// product line and/or a customer tier (or any). Editing saves the next version; contracts keep the
/// version they were made from.
/// </summary>
public sealed class ContractTemplate
{
    ContractTemplate() { Code = Name = Terms = PaymentTermsJson = CreatedBy = ""; }

    public ContractTemplate(string code, int version, string name, string? productLineCode, CustomerTier? tier, string terms, IReadOnlyList<PaymentTerm> paymentTerms, string createdBy, DateTime createdAt) : this()
    {
        (Id, Code, Version, Name, ProductLineCode, Tier, Terms) = (Guid.NewGuid(), code.Trim().ToUpperInvariant(), version, name.Trim(), productLineCode, tier, terms.Trim());
        (PaymentTermsJson, CreatedBy, CreatedAt) = (Serialize(paymentTerms), createdBy, createdAt);
    }

    public Guid Id { get; private set; }
    public string Code { get; private set; }
    public int Version { get; private set; }
    public string Name { get; private set; }
    public string? ProductLineCode { get; private set; }
    public CustomerTier? Tier { get; private set; }
    public string Terms { get; private set; }
    public string PaymentTermsJson { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public IReadOnlyList<PaymentTerm> PaymentTerms => JsonSerializer.Deserialize<List<PaymentTerm>>(PaymentTermsJson, Json) ?? [];

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static string Serialize(IReadOnlyList<PaymentTerm> terms) => JsonSerializer.Serialize(terms, Json);
}

sealed class ContractTemplateConfiguration : IEntityTypeConfiguration<ContractTemplate>
{
    public void Configure(EntityTypeBuilder<ContractTemplate> b)
    {
        b.ToTable("exe_contract_templates");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.ProductLineCode).HasMaxLength(40);
        b.Property(x => x.Terms).HasMaxLength(8000);
        b.Property(x => x.PaymentTermsJson).HasMaxLength(4000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Ignore(x => x.PaymentTerms);
        b.HasIndex(x => new { x.Code, x.Version }).IsUnique();
        // Version 1 of the two standard templates the seed's SOP asks for (§5.2 标准合同库).
        var at = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        b.HasData(
            new
            {
                Id = new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e10"),
                Code = "STD",
                Version = 1,
                Name = "标准销售合同",
                Terms = "标准条款:付款 30% 预付款、60% 系统上线后、10% 最终验收后;验收期 30 天;质保 12 个月;违约金上限为合同金额的 10%。",
                PaymentTermsJson = ContractTemplate.Serialize(PaymentPlan.Standard),
                CreatedBy = "PlanLoop",
                CreatedAt = at,
            },
            new
            {
                Id = new Guid("5e3d1a52-7c1b-4d2e-9a61-0a1b2c3d4e11"),
                Code = "KA",
                Version = 1,
                Name = "战略客户框架合同",
                Tier = (CustomerTier?)CustomerTier.A,
                Terms = "A 类客户(VIP 1 对 1 服务):付款 20% 预付款、50% 系统上线后、30% 最终验收后;验收期 60 天;质保 24 个月;专属客户成功经理。",
                PaymentTermsJson = ContractTemplate.Serialize(PaymentPlan.KeyAccount),
                CreatedBy = "PlanLoop",
                CreatedAt = at,
            });
    }
}

sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> b)
    {
        b.ToTable("exe_contracts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Number).HasMaxLength(40);
        b.Property(x => x.TemplateCode).HasMaxLength(40);
        b.Property(x => x.TermsNote).HasMaxLength(2000);
        b.Property(x => x.Revision).IsConcurrencyToken();
        b.Ignore(x => x.CurrentStep);
        b.Ignore(x => x.Facts);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.Status, x.OwnerId });
        b.HasIndex(x => x.AccountId);
        b.HasIndex(x => x.OpportunityId);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Channel>().WithMany().HasForeignKey(x => x.ChannelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Opportunity>().WithMany().HasForeignKey(x => x.OpportunityId).OnDelete(DeleteBehavior.Restrict);
        b.OwnsMany(x => x.Lines, l => DealLines.Map(l, "exe_contract_lines", "ContractId"));
        b.OwnsMany(x => x.Approvals, a =>
        {
            a.ToTable("exe_contract_approvals");
            a.WithOwner().HasForeignKey("ContractId");
            a.Property<int>("Id");
            a.HasKey("Id");
            a.Property(x => x.Reasons).HasMaxLength(400);
            a.Property(x => x.DecidedBy).HasMaxLength(256);
            a.Property(x => x.Comment).HasMaxLength(1000);
            a.HasIndex(x => x.Decision);
        });
        b.OwnsMany(x => x.Milestones, m =>
        {
            m.ToTable("exe_contract_milestones");
            m.WithOwner().HasForeignKey("ContractId");
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).ValueGeneratedNever();
            m.Property(x => x.Name).HasMaxLength(100);
            m.Property(x => x.AcceptedBy).HasMaxLength(256);
        });
    }
}

sealed class InstalmentConfiguration : IEntityTypeConfiguration<Instalment>
{
    public void Configure(EntityTypeBuilder<Instalment> b)
    {
        b.ToTable("exe_payment_nodes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => new { x.ContractId, x.Seq }).IsUnique();
        b.HasIndex(x => x.DueOn);
        b.HasOne<Contract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.ToTable("exe_payments");
        b.HasKey(x => x.Id);
        b.Property(x => x.Reference).HasMaxLength(100);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.InstalmentId, x.ReceivedOn });
        b.HasIndex(x => x.ContractId);
        b.HasOne<Contract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Instalment>().WithMany().HasForeignKey(x => x.InstalmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> b)
    {
        b.ToTable("exe_invoices");
        b.HasKey(x => x.Id);
        b.Property(x => x.Number).HasMaxLength(60);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => x.ContractId);
        b.HasOne<Contract>().WithMany().HasForeignKey(x => x.ContractId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Instalment>().WithMany().HasForeignKey(x => x.InstalmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
