# Runtime image for the Meridian fat jar. Build the jar first (`mvn -DskipTests package`,
# or `./meridian --version`), then: docker build -t meridian .
#   docker run -p 53:5353/udp -p 53:5353/tcp -p 8080:8080 \
#     -v $PWD/meridian.yaml:/etc/meridian/meridian.yaml:ro meridian
# The config must listen on 0.0.0.0 inside the container (e.g. dns.listen ["0.0.0.0:5353"]).
FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /var/lib/meridian --create-home meridian
COPY director/target/meridian.jar /opt/meridian/meridian.jar
USER meridian
WORKDIR /var/lib/meridian
EXPOSE 5353/udp 5353/tcp 8080/tcp
ENTRYPOINT ["java", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=75", "-jar", "/opt/meridian/meridian.jar"]
CMD ["run", "--config", "/etc/meridian/meridian.yaml"]
