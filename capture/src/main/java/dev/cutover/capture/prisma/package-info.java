/**
 * Reads a Prisma schema ({@code schema.prisma}) as a mapping for a document source: models, their fields and
 * attributes, enums and composite types. Only the structure is read; nothing is evaluated (an {@code env("...")} URL
 * stays a name, never a value).
 */
package dev.cutover.capture.prisma;
