# syntax=docker/dockerfile:1
# The coordinator node (akkaetl: serve, run, query, ...). Build from the repository root:
#   docker build -f docker/coordinator.Dockerfile -t akkaetl-coordinator .
# No secrets are baked in: the API token, AWS credentials and TLS material come at run time (environment, instance
# role, mounted files).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
# Project files first: the restore layer is reused until a project or a package version changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Shared/AkkaEtl.Shared.csproj src/Shared/
COPY src/Coordinator/AkkaEtl.Coordinator.csproj src/Coordinator/
RUN RID="linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" \
 && dotnet restore src/Coordinator/AkkaEtl.Coordinator.csproj -r "$RID"
COPY src/Shared/ src/Shared/
COPY src/Coordinator/ src/Coordinator/
# One runtime identifier, so only that platform's DuckDB native library is shipped (not all five).
RUN RID="linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" \
 && dotnet publish src/Coordinator/AkkaEtl.Coordinator.csproj -c Release -r "$RID" --self-contained false --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The journal (SQLite) lives here unless --persistence postgres; mount a volume on it.
RUN mkdir -p /var/lib/akkaetl && chown "$APP_UID" /var/lib/akkaetl
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_gcServer=0
# 4053: Akka remoting (between nodes only); 9110: the control API (operators only).
EXPOSE 4053 9110
VOLUME /var/lib/akkaetl
# The images' unprivileged user (app, UID 1654).
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/akkaetl.dll"]
CMD ["--help"]
