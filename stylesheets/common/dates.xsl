<?xml version="1.0" encoding="UTF-8"?>
<!--
  dates.xsl: dates and times as British committee papers print them
  ("Tuesday 12 September 2017", "12 September 2017", "6.00pm"), computed
  in plain XSLT 1.0 so they do not depend on EXSLT date support or locale.

  Named templates (stable):
    qr-format-date  params: date (xs:date, YYYY-MM-DD), style:
                    'long' (Tuesday 12 September 2017, default),
                    'short' (12 September 2017), 'upper' (12 SEPTEMBER 2017)
    qr-format-time  param: time (xs:time, HH:MM[:SS]) -> 6.00pm
    qr-weekday      param: date -> Tuesday
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:param name="text-months" select="'January February March April May June July August September October November December '"/>
  <xsl:param name="text-weekdays" select="'Sunday Monday Tuesday Wednesday Thursday Friday Saturday '"/>

  <!-- The n-th (1-based) space-separated word of a list. -->
  <xsl:template name="qr-nth-word">
    <xsl:param name="list"/>
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n &lt;= 1"><xsl:value-of select="substring-before($list, ' ')"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="qr-nth-word">
          <xsl:with-param name="list" select="substring-after($list, ' ')"/>
          <xsl:with-param name="n" select="$n - 1"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Day of the week by Sakamoto's method (Gregorian calendar). -->
  <xsl:template name="qr-weekday">
    <xsl:param name="date"/>
    <xsl:variable name="y0" select="number(substring($date, 1, 4))"/>
    <xsl:variable name="m" select="number(substring($date, 6, 2))"/>
    <xsl:variable name="d" select="number(substring($date, 9, 2))"/>
    <xsl:variable name="y" select="$y0 - number($m &lt; 3)"/>
    <xsl:variable name="t" select="number(substring('032503514624', $m, 1))"/>
    <xsl:variable name="dow" select="($y + floor($y div 4) - floor($y div 100) + floor($y div 400) + $t + $d) mod 7"/>
    <xsl:call-template name="qr-nth-word">
      <xsl:with-param name="list" select="$text-weekdays"/>
      <xsl:with-param name="n" select="$dow + 1"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="qr-format-date">
    <xsl:param name="date"/>
    <xsl:param name="style" select="'long'"/>
    <xsl:variable name="d" select="normalize-space($date)"/>
    <xsl:variable name="month">
      <xsl:call-template name="qr-nth-word">
        <xsl:with-param name="list" select="$text-months"/>
        <xsl:with-param name="n" select="number(substring($d, 6, 2))"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="text">
      <xsl:if test="$style = 'long'">
        <xsl:call-template name="qr-weekday">
          <xsl:with-param name="date" select="$d"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:value-of select="concat(number(substring($d, 9, 2)), ' ', $month, ' ', substring($d, 1, 4))"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$style = 'upper'">
        <xsl:value-of select="translate($text, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="qr-format-time">
    <xsl:param name="time"/>
    <xsl:variable name="t" select="normalize-space($time)"/>
    <xsl:variable name="h" select="number(substring($t, 1, 2))"/>
    <xsl:variable name="mm" select="substring($t, 4, 2)"/>
    <xsl:variable name="h12">
      <xsl:choose>
        <xsl:when test="$h = 0">12</xsl:when>
        <xsl:when test="$h &gt; 12"><xsl:value-of select="$h - 12"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$h"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:value-of select="concat($h12, '.', $mm)"/>
    <xsl:choose>
      <xsl:when test="$h &lt; 12">am</xsl:when>
      <xsl:otherwise>pm</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Upper-case a string (titles in report headers). -->
  <xsl:template name="qr-upper">
    <xsl:param name="text"/>
    <xsl:value-of select="translate($text, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')"/>
  </xsl:template>

</xsl:stylesheet>
