// The roles of DOMAIN.md live with the domain (Custody.Access); the web app and its tests name them as Roles.
global using Roles = Custody.Access.Roles;
global using Custody.Common;
