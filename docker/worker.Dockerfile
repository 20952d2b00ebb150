# syntax=docker/dockerfile:1
# A worker node (akkaetl-worker). Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t akkaetl-worker .
# No secrets are baked in: AWS credentials and TLS material come at run time (environment, instance role, mounted files).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
# Project files first: the restore layer is reused until a project or a package version changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/Shared/AkkaEtl.Shared.csproj src/Shared/
COPY src/Worker/AkkaEtl.Worker.csproj src/Worker/
RUN RID="linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" \
 && dotnet restore src/Worker/AkkaEtl.Worker.csproj -r "$RID"
COPY src/Shared/ src/Shared/
COPY src/Worker/ src/Worker/
RUN RID="linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" \
 && dotnet publish src/Worker/AkkaEtl.Worker.csproj -c Release -r "$RID" --self-contained false --no-restore -o /app

# A worker serves no HTTP: the plain .NET runtime is enough.
FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app ./
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_gcServer=0
# 4053: Akka remoting (between nodes only).
EXPOSE 4053
# The images' unprivileged user (app, UID 1654).
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/akkaetl-worker.dll"]
CMD ["--help"]
