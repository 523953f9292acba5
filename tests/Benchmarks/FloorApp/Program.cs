System.Console.WriteLine("stub");
