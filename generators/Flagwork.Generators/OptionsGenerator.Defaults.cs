using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flagwork.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flagwork.Generators;

public sealed partial class OptionsGenerator
{
    /// <summary>
    /// Reads a member's default from its property initializer at compile time, for <c>--help</c> (pflag's rendering)
    /// and the JSON Schema (a JSON literal). Anything that is not a literal, a constant, an enum member,
    /// <c>TimeSpan.FromXxx(constant)</c> or a collection of literals is reported and left out.
    /// </summary>
    internal static class Defaults
    {
        internal readonly struct Value(string text, string? json)
        {
            /// <summary>pflag's default text, empty for the zero value (pflag shows no default then).</summary>
            public string Text { get; } = text;

            public string? Json { get; } = json;
        }

        public static Value Evaluate(IPropertySymbol property, ValueKind kind, INamedTypeSymbol? enumType, ParseState state)
        {
            var syntax = property.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(state.CancellationToken))
                .OfType<PropertyDeclarationSyntax>()
                .FirstOrDefault();
            if (syntax is null)
            {
                // Declared in another assembly: its own generator recorded the defaults on the class.
                return FromMetadata(property) ?? Zero(kind, enumType);
            }
            var initializer = syntax.Initializer?.Value;
            if (initializer is null)
            {
                return Zero(kind, enumType);
            }
            var model = state.ModelFor(initializer.SyntaxTree);
            var result = kind switch
            {
                ValueKind.String => FromConstant(model, initializer, c => c is string s ? Text(s) : c is null ? Text("") : null),
                ValueKind.Bool => FromConstant(model, initializer, c => c is bool b ? new Value(b ? "true" : "", b ? "true" : "false") : null),
                ValueKind.Int32 or ValueKind.Int64 => FromConstant(model, initializer, c => c is int or long ? Number(Convert.ToInt64(c, CultureInfo.InvariantCulture)) : null),
                ValueKind.Double => FromConstant(model, initializer, c => c is double or float or int ? Real(Convert.ToDouble(c, CultureInfo.InvariantCulture)) : null),
                ValueKind.Enum or ValueKind.NullableEnum => EnumValue(model, initializer, enumType!),
                ValueKind.Duration => Duration(model, initializer),
                ValueKind.StringList => List(model, initializer),
                _ => null,
            };
            if (result is null)
            {
                state.Report(DiagnosticDescriptors.DefaultNotConstant, initializer.GetLocation(), property.Name);
                return new Value("", null);
            }
            return result.Value;
        }

        private static Value? FromMetadata(IPropertySymbol property)
        {
            foreach (var attribute in property.ContainingType.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == "Flagwork.Binding.MemberDefaultAttribute"
                    && attribute.ConstructorArguments.Length == 3
                    && attribute.ConstructorArguments[0].Value as string == property.Name)
                {
                    return new Value(attribute.ConstructorArguments[1].Value as string ?? "", attribute.ConstructorArguments[2].Value as string);
                }
            }
            return null;
        }

        private static Value Zero(ValueKind kind, INamedTypeSymbol? enumType) => kind switch
        {
            ValueKind.String => new Value("", "\"\""),
            ValueKind.Bool => new Value("", "false"),
            ValueKind.Int32 or ValueKind.Int64 or ValueKind.Double => new Value("", "0"),
            ValueKind.Duration => new Value("", "\"0s\""),
            ValueKind.StringList => new Value("", "[]"),
            ValueKind.Enum => EnumName(enumType!, 0L) is { } name ? new Value("", JsonText.Quote(name)) : new Value("", null),
            _ => new Value("", null),
        };

        private static Value Text(string s) => new(s.Length == 0 ? "" : "\"" + s + "\"", JsonText.Quote(s));

        private static Value Number(long n) =>
            new(n == 0 ? "" : n.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture));

        private static Value Real(double d) =>
            new(d == 0 ? "" : d.ToString("R", CultureInfo.InvariantCulture), d.ToString("R", CultureInfo.InvariantCulture));

        private static Value? FromConstant(SemanticModel model, ExpressionSyntax expression, Func<object?, Value?> convert)
        {
            var constant = model.GetConstantValue(expression);
            return constant.HasValue ? convert(constant.Value) : null;
        }

        private static Value? EnumValue(SemanticModel model, ExpressionSyntax expression, INamedTypeSymbol enumType)
        {
            var constant = model.GetConstantValue(expression);
            if (constant is { HasValue: true, Value: not null })
            {
                var name = EnumName(enumType, Convert.ToInt64(constant.Value, CultureInfo.InvariantCulture));
                return name is null ? null : new Value("\"" + name + "\"", JsonText.Quote(name));
            }
            // `null` is a constant without a value, and `default` of a nullable enum is no constant at all: both mean unset.
            return expression is LiteralExpressionSyntax { Token.ValueText: "null" or "default" } ? new Value("", null) : null;
        }

        private static string? EnumName(INamedTypeSymbol enumType, long value) =>
            enumType.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.HasConstantValue && Convert.ToInt64(f.ConstantValue, CultureInfo.InvariantCulture) == value)?.Name;

        private static Value? Duration(SemanticModel model, ExpressionSyntax expression)
        {
            long? ticks = null;
            switch (expression)
            {
                case InvocationExpressionSyntax invocation
                    when model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { IsStatic: true } method
                         && method.ContainingType.ToDisplayString() == "System.TimeSpan"
                         && invocation.ArgumentList.Arguments.Count == 1:
                    var argument = model.GetConstantValue(invocation.ArgumentList.Arguments[0].Expression);
                    if (argument.HasValue && argument.Value is not null and not string)
                    {
                        var amount = Convert.ToDouble(argument.Value, CultureInfo.InvariantCulture);
                        double? perUnit = method.Name switch
                        {
                            "FromDays" => TimeSpan.TicksPerDay,
                            "FromHours" => TimeSpan.TicksPerHour,
                            "FromMinutes" => TimeSpan.TicksPerMinute,
                            "FromSeconds" => TimeSpan.TicksPerSecond,
                            "FromMilliseconds" => TimeSpan.TicksPerMillisecond,
                            "FromTicks" => 1,
                            _ => null,
                        };
                        ticks = perUnit is null ? null : (long)Math.Round(amount * perUnit.Value);
                    }
                    break;
                case MemberAccessExpressionSyntax access when model.GetSymbolInfo(access).Symbol is IFieldSymbol { Name: "Zero" } field
                                                             && field.ContainingType.ToDisplayString() == "System.TimeSpan":
                    ticks = 0;
                    break;
                case LiteralExpressionSyntax { Token.ValueText: "default" }:
                    ticks = 0;
                    break;
            }
            if (ticks is null)
            {
                return null;
            }
            var text = GoDurationText.Format(ticks.Value);
            return new Value(ticks.Value == 0 ? "" : text, JsonText.Quote(text));
        }

        private static Value? List(SemanticModel model, ExpressionSyntax expression)
        {
            IEnumerable<ExpressionSyntax>? elements = expression switch
            {
                CollectionExpressionSyntax collection => collection.Elements.Select(e => (e as ExpressionElementSyntax)?.Expression!),
                BaseObjectCreationExpressionSyntax creation when creation.ArgumentList is null or { Arguments.Count: 0 } =>
                    creation.Initializer?.Expressions ?? Enumerable.Empty<ExpressionSyntax>(),
                _ => null,
            };
            if (elements is null)
            {
                return null;
            }
            var values = new List<string>();
            foreach (var element in elements)
            {
                if (element is null || model.GetConstantValue(element) is not { HasValue: true, Value: string s })
                {
                    return null;
                }
                values.Add(s);
            }
            var json = "[" + string.Join(", ", values.Select(JsonText.Quote)) + "]";
            return new Value(values.Count == 0 ? "" : CsvText.Format(values), json);
        }
    }
}
