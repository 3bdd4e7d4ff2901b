using System.CommandLine;
using Custody.Cli;

var root = new RootCommand("Custody: people, agreements and a tamper-evident ledger of every change.")
{
    DatabaseCommands.Create(),
    ImportCommand.Create(),
    LedgerCommands.Create(),
    ScreenCommand.Create(),
    InvoiceCommands.Create(),
    WitnessCommands.Create(),
    UserCommands.Create(),
    VerifyCommands.Create(),
};
return await root.Parse(args).InvokeAsync();
