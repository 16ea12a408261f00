using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PlanLoop.Domain.Execution;
using PlanLoop.Features.Bench;
using PlanLoop.Features.Data;

namespace PlanLoop.Features.Tests.Bench;

public sealed class GenerateBenchDataTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheSmallScale_GoesInThroughTheImporters_WithTheIssuesCounts_AndTheSameSeedWritesTheSameFiles(DbProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var test = await TestDatabase.Create(provider);
        var folder = Path.Combine(Path.GetTempPath(), $"planloop-bench-{Guid.NewGuid():N}");
        try
        {
            var steps = new List<string>();
            using var scope = test.Services.CreateScope();
            var generate = ActivatorUtilities.CreateInstance<GenerateBenchData>(scope.ServiceProvider);   // as the command line makes it (not a product service)
            var set = await generate.Handle(BenchScale.Small, 42, folder, new SyncProgress(p => steps.Add(p.Step)), ct);

            Assert.Equal(new BenchCounts(1_000, 3_000, 10_000, 10_000, 10_000, 3_000, 20_000, 50, 8, 30), set.Counts);
            Assert.Equal(["demo", "accounts", "contacts", "leads", "opportunities", "orders", "contracts", "payments", "activities", "refresh", "analyze"], set.Steps.Select(s => s.Name));
            Assert.Contains("orders", steps);
            await using var db = test.NewContext();
            Assert.Equal(1_000, await db.Accounts.CountAsync(a => a.Name.StartsWith("基准客户"), ct));
            Assert.Equal(3_000, await db.Contacts.CountAsync(c => c.Name.StartsWith("联系人"), ct));
            Assert.Equal(10_000, await db.Leads.CountAsync(l => l.Company.StartsWith("线索公司"), ct));
            var deals = await db.Opportunities.Where(o => o.Name.StartsWith("基准商机")).ToListAsync(ct);
            Assert.Equal(10_000, deals.Count);
            // Every deal moved stage by stage: a won deal passed qualification, proposal and negotiation.
            // (the database does not keep an owned collection's order, and the moves share a day: compared as sets)
            Assert.Contains(deals, d => d.StageCode == SopStages.Won);
            Assert.All(deals.Where(d => d.StageCode == SopStages.Won), d => Assert.Equal(
                new[] { SopStages.Qualification, SopStages.Proposal, SopStages.Negotiation, SopStages.Won }.Order(StringComparer.Ordinal), d.Moves.Select(m => m.To).Order(StringComparer.Ordinal)));
            Assert.Equal(10_000, await db.OrderLines.CountAsync(o => o.OrderNumber.StartsWith("BO"), ct));
            var won = deals.Count(d => d.StageCode == SopStages.Won);
            Assert.Equal(won, await db.Contracts.CountAsync(c => c.Number.StartsWith("BHT-") && c.Status == ContractStatus.Signed, ct));
            Assert.Equal(set.Steps.Single(s => s.Name == "payments").Rows, await db.Payments.CountAsync(ct) - 226); // the demo's 226 besides
            Assert.InRange(set.Steps.Single(s => s.Name == "payments").Rows, 2_900, 3_000);
            Assert.Equal(20_000, await db.Activities.CountAsync(a => a.Subject.Contains("跟进 #"), ct));
            Assert.Equal(50, await db.People.CountAsync(p => p.Position == Domain.Organisation.Position.AccountExecutive, ct));
            Assert.Equal((8, 30), (await db.Teams.CountAsync(ct), await db.Products.CountAsync(ct)));

            // Deterministic: seed 42's first order line and first account.
            var orders = File.ReadLines(Path.Combine(folder, "orders.csv")).Take(2).ToList();
            Assert.Equal("order_number,booked_on,account,amount,product,region,channel,owner", orders[0]);
            Assert.Equal("BO00000001,2024-02-24,91310000B000004642,38439.48,A-SAAS,SOUTH,DIRECT,基准销售37", orders[1]);
            Assert.Equal("基准客户000001制造有限公司,91310000B00000000Q,制造,SOUTH,43,17200000,基准销售22,客户", File.ReadLines(Path.Combine(folder, "accounts.csv")).ElementAt(1));

            // A second generation into the same database is refused rather than doubled.
            await Assert.ThrowsAsync<InvalidOperationException>(() => generate.Handle(BenchScale.Small, 42, folder, null, ct));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    sealed class SyncProgress(Action<BenchProgress> report) : IProgress<BenchProgress>
    {
        public void Report(BenchProgress value) => report(value);
    }
}
