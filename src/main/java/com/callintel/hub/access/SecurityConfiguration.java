package com.callintel.hub.access;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.callintel.hub.problem.Problem;
import com.callintel.hub.problem.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Who may call what. Webhooks prove themselves by signature and endpoint key; the API needs a token from the
 * identity provider or the browser session of the hub's pages, which sign in with OpenID Connect (as the console
 * does); admin paths need the admin role, operator paths a platform operator. Every response carries the security
 * headers, and every refusal is a problem body.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'";
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
    static final long HSTS_MAX_AGE_SECONDS = 63_072_000;
    private static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final ProblemWriter problems;

    SecurityConfiguration(ProblemWriter problems) {
        this.problems = problems;
    }

    /**
     * No observation per security filter, authentication and authorization: at thousands of webhooks a second the
     * wrapping costs more than the filters themselves, and operators use the hub's own metrics instead.
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Webhooks: the signature is the proof, checked by the intake route, so no filter of Spring Security has work
     * here (no sign-in, session, security context, CSRF token a provider could send, or request cache): the chain is
     * left empty, and the intake's first filter ({@code IntakeAdmission}) writes the security headers itself. At
     * thousands of webhooks a second each filter skipped is CPU the acknowledgements keep.
     */
    @Bean
    @Order(1)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        return http.securityMatcher(paths("/webhooks/**"))
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .exceptionHandling(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * The operator API (support tickets of every organization): the platform's operators only, with a bearer token
     * or the browser session of the operator's page (then changes carry the session's CSRF token). An agency's admin
     * or agent gets 403. Ordered before the API's /api/** (and disjoint from the webhooks).
     */
    @Bean
    @Order(1)
    SecurityFilterChain operatorApi(HttpSecurity http, HubJwtDecoder decoder, Operators operators,
                                    AccessProperties properties) throws Exception {
        common(http.securityMatcher(paths("/api/operator/**")))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(OperatorConverter.ROLE));
        return bearerOrPageSession(http, decoder, new OperatorConverter(operators), this::operatorsOnly)
                .addFilterAfter(new OperatorAttributeFilter(properties.claims()), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new ApiRateLimitFilter(properties, problems), OperatorAttributeFilter.class)
                .build();
    }

    /**
     * The API: bearer tokens of the identity provider, or the browser session of the hub's own pages (then every
     * state-changing call must carry the session's CSRF token); admin paths for admins only.
     */
    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, HubUserConverter users, HubJwtDecoder decoder,
                            AccessProperties properties, AuditLog audit) throws Exception {
        common(http.securityMatcher(paths("/api/**")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/openapi.json")).permitAll()
                        // the screen-pop stream proves its user with a single-use ticket (EventSource sends no bearer)
                        .requestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/screen-pops/stream")).permitAll()
                        .requestMatchers(paths("/api/admin/**")).hasRole("ADMIN")
                        .anyRequest().hasRole("AGENT"));
        return bearerOrPageSession(http, decoder, users, this::refused)
                .addFilterAfter(new HubUserAttributeFilter(), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new AuditFilter(audit), HubUserAttributeFilter.class)
                .addFilterAfter(new ApiRateLimitFilter(properties, problems), AuditFilter.class)
                .build();
    }

    /**
     * The browser sign-in (OpenID Connect authorization code with PKCE) and the pages that need it: the agent
     * console, the dashboard and the settings (admins). On both ports, so the Hawtio console signs in the same way.
     * The session cookie is HttpOnly and SameSite=Lax (Secure on https); state changes need the session's CSRF token.
     * Sign-out ends the hub's session and the identity provider's.
     */
    @Bean
    @Order(3)
    SecurityFilterChain browser(HttpSecurity http, HubClientRegistrations registrations, BrowserSignIn signIn) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver pkce = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        // the pages themselves; their scripts and styles stay public (the signed-out page uses them too)
        return http.securityMatcher(paths("/console/", "/console/index.html", "/dashboard/", "/dashboard/index.html",
                        "/settings", "/settings/**", "/operator/tickets", "/operator/tickets/", "/operator/tickets/index.html",
                        "/operator/notices", "/operator/notices/", "/operator/notices/index.html",
                        "/session", "/oauth2/authorization/**", "/login/oauth2/code/**", "/logout"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/oauth2/authorization/**", "/login/oauth2/code/**", "/logout")).permitAll()
                        .requestMatchers(paths("/settings", "/settings/**")).hasRole("ADMIN")
                        .requestMatchers(paths("/operator/tickets", "/operator/tickets/", "/operator/tickets/index.html",
                                "/operator/notices", "/operator/notices/", "/operator/notices/index.html"))
                            .hasRole(OperatorConverter.ROLE)
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                        .loginPage(HubClientRegistrations.SIGN_IN)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(pkce))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(signIn))
                        .failureHandler(new SignInFailurePage(problems)))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(SignOut.handler(registrations)))
                .csrf(csrf -> csrf.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(HubClientRegistrations.SIGN_IN), browsers())
                        .defaultAuthenticationEntryPointFor(this::unauthenticated, AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(this::refusedPage))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .headers(SecurityConfiguration::securityHeaders)
                .build();
    }

    /**
     * The console (Hawtio) and Jolokia, on the management port: the platform's operators only, never an agency's
     * admin. Browsers sign in through the same OpenID Connect sign-in as the hub's pages (a session of the console
     * port follows); scripts send the token as a bearer. CSRF protection is on for the session, in the cookie
     * Hawtio's client reads. What an operator may do inside Jolokia is limited by src/main/resources/jolokia-access.xml.
     */
    @Bean
    @Order(4)
    SecurityFilterChain console(HttpSecurity http, HubJwtDecoder decoder, Operators operators) throws Exception {
        RequestMatcher bearer = request -> request.getHeader("Authorization") != null;
        OperatorConverter operatorTokens = new OperatorConverter(operators);
        // path matchers on the whole URI: Jolokia is a servlet of its own, outside Spring MVC's paths
        return http.securityMatcher(paths("/actuator/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/actuator/health", "/actuator/health/**", "/actuator/info")).permitAll()
                        .anyRequest().hasRole(OperatorConverter.ROLE))
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(operatorTokens))
                        .authenticationEntryPoint(this::unauthenticated)
                        .accessDeniedHandler((request, response, denied) -> notAnOperator(request, response)))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(HubClientRegistrations.SIGN_IN), browsers())
                        .defaultAuthenticationEntryPointFor(this::unauthenticated, AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler((request, response, denied) -> notAnOperator(request, response)))
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(bearer))
                .addFilterAfter(new CsrfCookieFilter(), org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                // after the authorization: strangers still get 401 and non-operators 403 "operators only"
                .addFilterAfter(new JolokiaPostOnlyFilter(problems), AuthorizationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .headers(headers -> {
                    securityHeaders(headers);
                    // the console is a single-page app with inline bootstrap code
                    headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_CSP));
                })
                .build();
    }

    /** Everything else: health for probes, the development issuer (only exists in the sandbox), error pages. */
    @Bean
    @Order(10)
    SecurityFilterChain rest(HttpSecurity http) throws Exception {
        return common(http)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths("/actuator/**")).denyAll()
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(this::unauthenticated)
                        .accessDeniedHandler((request, response, denied) -> forbidden(request, response)))
                .build();
    }

    /** Requests that ask for a page by name (not any type at all): they are sent to the sign-in form. */
    private static RequestMatcher browsers() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return html;
    }

    /** A state-changing request that relies on a browser session (no bearer token): it needs the CSRF token. */
    private static boolean sessionStateChange(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod()) && request.getHeader("Authorization") == null
                && request.getRequestedSessionId() != null;
    }

    /**
     * The browser session's sign-in, read by the API; an API request never creates a session. A bearer token's
     * sign-in is kept in the request, so the asynchronous dispatch of the same request (Camel's servlet answers
     * asynchronously) is still signed in.
     */
    private static SecurityContextRepository browserSessions() {
        HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        sessions.setAllowSessionCreation(false);
        return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(), sessions);
    }

    private static RequestMatcher paths(String... patterns) {
        RequestMatcher[] matchers = new RequestMatcher[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            matchers[i] = PathPatternRequestMatcher.withDefaults().matcher(patterns[i]);
        }
        return new OrRequestMatcher(matchers);
    }

    /**
     * A bearer token of the identity provider, or the browser session of the hub's own pages (read, never created;
     * then every state-changing call carries the session's CSRF token); refusals as problem bodies.
     */
    private HttpSecurity bearerOrPageSession(HttpSecurity http, HubJwtDecoder decoder,
                                             Converter<Jwt, AbstractAuthenticationToken> members,
                                             AccessDeniedHandler denied) throws Exception {
        return http
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(members))
                        .authenticationEntryPoint(this::unauthenticated)
                        .accessDeniedHandler(denied))
                .securityContext(context -> context.securityContextRepository(browserSessions()))
                .csrf(csrf -> csrf.csrfTokenRepository(new HttpSessionCsrfTokenRepository())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SecurityConfiguration::sessionStateChange))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(this::unauthenticated)
                        .accessDeniedHandler(denied));
    }

    private HttpSecurity common(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)          // no cookie-authenticated state-changing endpoints here
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(SecurityConfiguration::securityHeaders)
                .anonymous(Customizer.withDefaults());
    }

    /** HSTS is sent on plain HTTP too: TLS ends at the proxy in front of the hub (docs/security.md). */
    static void securityHeaders(HeadersConfigurer<HttpSecurity> headers) {
        headers
                .httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
                        .maxAgeInSeconds(HSTS_MAX_AGE_SECONDS).includeSubDomains(true))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .contentTypeOptions(Customizer.withDefaults())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
                .contentSecurityPolicy(csp -> csp.policyDirectives(CSP));
    }

    private void unauthenticated(HttpServletRequest request, HttpServletResponse response,
                                 org.springframework.security.core.AuthenticationException e) throws IOException {
        if (e instanceof UnknownOrganizationException unknown) {
            problems.write(request, response, SignInFailurePage.notSetUp(unknown.externalId()));
            return;
        }
        new BearerTokenAuthenticationEntryPoint().commence(request, response, e); // sets WWW-Authenticate
        problems.write(request, response, Problem.of(401, "unauthenticated", "Sign-in required",
                "Send a valid, unexpired access token from the identity provider (Authorization: Bearer ...)."));
    }

    /** A browser gets a page saying the console is for operators (not an error body); scripts get the problem. */
    private void notAnOperator(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RefusalPage.write(request, response, problems, Problem.of(403, "not-an-operator", "Operators only",
                "The console and Jolokia are for the platform's operators; an organization's admin or agent is not one."),
                null, null);
    }

    /** A signed-in member who opens a page of another role (an agent at the settings) gets a page saying so. */
    private void refusedPage(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        if (denied instanceof CsrfException) {
            refused(request, response, denied);
            return;
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + "/operator/")) {
            RefusalPage.write(request, response, problems, Problem.of(403, "not-an-operator", "Operators only",
                    "The support desk is for the platform's operators (CallIntel staff); an organization's admin or agent is not one."),
                    "/console/", "Open the agent console");
            return;
        }
        RefusalPage.write(request, response, problems, Problem.of(403, "forbidden", "The settings are for your agency's admins",
                "You are signed in without the admin role. Ask an admin of your organization to change the settings."),
                "/console/", "Open the agent console");
    }

    private void operatorsOnly(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        if (denied instanceof CsrfException) {
            refused(request, response, denied);
            return;
        }
        problems.write(request, response, Problem.of(403, "not-an-operator", "Operators only",
                "The operator API is for the platform's operators (CallIntel staff); an organization's admin or agent is not one."));
    }

    private void refused(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        if (denied instanceof CsrfException) {
            problems.write(request, response, Problem.of(403, "csrf", "CSRF token missing or wrong",
                    "A change made with a browser session must send the session's CSRF token (GET /session) in the "
                            + "X-CSRF-TOKEN header; API clients send a bearer token instead."));
            return;
        }
        forbidden(request, response);
    }

    private void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.write(request, response, Problem.of(403, "forbidden", "Not allowed",
                "Your role does not allow this; an organization admin can."));
    }
}
